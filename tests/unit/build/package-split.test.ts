/**
 * Browser users install no server dependency (issue 20): plc-kit's own code imports only the
 * packages plc-kit declares (its browser dependencies and zod, a peer), and the server's code only
 * what @plc-kit/server declares, each followed import by import from the sources.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a JavaScript build script without declarations
import { reach } from '../../../scripts/server-package.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const manifest = JSON.parse(readFileSync(root('package.json'), 'utf8')) as Record<string, Record<string, string>>;
const serverManifest = JSON.parse(readFileSync(root('packages/server/package.json'), 'utf8')) as Record<string, Record<string, string>>;
const reached = (entry: string) => reach(root(entry)) as { files: Set<string>; packages: Set<string> };

/** Every module a browser user can import: the core, each element, the bundle and the integrator entry. */
const BROWSER_ENTRIES = [
  'src/index.ts',
  'components/define.ts',
  'components/bundle.ts',
  'components/context/index.ts',
  'components/offline/index.ts',
  ...readdirSync(root('components'))
    .filter((name) => name.startsWith('plc-'))
    .map((name) => `components/${name}/index.ts`),
];

describe('the package split', () => {
  it('plc-kit depends on browser packages only, with zod as a peer', () => {
    assert.deepEqual(Object.keys(manifest['dependencies']!).sort(), ['@lit/context', '@lit/localize', 'idb', 'lit', 'uqr', 'xstate']);
    assert.deepEqual(Object.keys(manifest['peerDependencies']!), ['zod']);
    assert.equal(manifest['exports']!['./server'], undefined, 'the server is @plc-kit/server, not an export of plc-kit');
  });

  it('plc-kit\'s modules import nothing it does not declare, and never the server', () => {
    const declared = new Set([...Object.keys(manifest['dependencies']!), ...Object.keys(manifest['peerDependencies']!)]);
    for (const entry of BROWSER_ENTRIES) {
      const { files, packages } = reached(entry);
      for (const name of packages) assert.ok(declared.has(name), `${entry} reaches ${name}, which plc-kit does not declare`);
      for (const file of files) assert.ok(!file.includes('/src/server/'), `${entry} reaches the server: ${file}`);
    }
  });

  it('the server imports exactly what @plc-kit/server declares, at the root\'s ranges', () => {
    const { packages } = reached('src/server/index.ts');
    const declared = serverManifest['dependencies']!;
    assert.deepEqual([...packages].sort(), Object.keys(declared).sort());
    const rootRanges = { ...manifest['devDependencies'], ...manifest['peerDependencies'], ...manifest['dependencies'] };
    for (const [name, range] of Object.entries(declared)) assert.equal(range, rootRanges[name], name);
    assert.equal(serverManifest['version'], manifest['version']);
  });
});
