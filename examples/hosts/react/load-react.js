// Development only: loads React 19 into a page served by `npm start`, without a bundler.
//
// React 19 is published as CommonJS only (no ES module build), and the dev server resolves
// packages but does not convert CommonJS. In a real React app your bundler (Vite, webpack,
// Next.js) does this, and the app simply writes `import { createElement } from 'react'`.
// Here the four CommonJS files are fetched and each is run once with its own `module`,
// `exports` and `require`, which is all they need.
const FILES = {
  react: '/node_modules/react/cjs/react.development.js',
  'react-dom': '/node_modules/react-dom/cjs/react-dom.development.js',
  'react-dom/client': '/node_modules/react-dom/cjs/react-dom-client.development.js',
  scheduler: '/node_modules/scheduler/cjs/scheduler.development.js',
};

/** @returns {Promise<{ React: any, ReactDOMClient: any }>} */
export async function loadReact() {
  const sources = Object.fromEntries(
    await Promise.all(
      Object.entries(FILES).map(async ([name, url]) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`Could not load ${url} (${response.status}): run \`npm install\`.`);
        return [name, await response.text()];
      }),
    ),
  );
  const cache = new Map();
  const process = { env: { NODE_ENV: 'development' } };
  const require = (name) => {
    if (cache.has(name)) return cache.get(name).exports;
    if (!(name in sources)) throw new Error(`load-react: no module "${name}"`);
    const module = { exports: {} };
    cache.set(name, module);
    new Function('module', 'exports', 'require', 'process', `${sources[name]}\n//# sourceURL=${FILES[name]}`)(module, module.exports, require, process);
    return module.exports;
  };
  return { React: require('react'), ReactDOMClient: require('react-dom/client') };
}
