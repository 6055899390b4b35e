/**
 * For the tests that drive Chromium against a real server's embed page (tests/server/*-frame):
 * the page's scripts compiled from the current sources, and the embed's frame in a host page.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// esbuild comes with @web/dev-server-esbuild (the test runner's TypeScript): it compiles the
// current sources in well under a second, where the full build takes minutes.
import { build } from 'esbuild';
import type { Frame, Page } from 'puppeteer-core';

const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Compiles the bundle (every element, startEmbed) and the host's resizer.js into `dir`. */
export async function compileEmbedInto(dir: string): Promise<void> {
  const common = { bundle: true, format: 'esm', target: 'es2022', minify: true, logLevel: 'error', tsconfig: source('tsconfig.json') } as const;
  await build({ ...common, entryPoints: [source('components/define.ts')], outfile: join(dir, 'bundle.js') });
  await build({ ...common, entryPoints: [source('components/embed/resizer.ts')], outfile: join(dir, 'resizer.js') });
}

/** The embed's frame in `page`, once its document has loaded. */
export async function embedFrame(page: Page, serverUrl: string): Promise<Frame> {
  let frame: Frame | undefined;
  const started = Date.now();
  while (!(frame = page.frames().find((f) => f.url().startsWith(`${serverUrl}/embed`)))) {
    if (Date.now() - started > 30_000) throw new Error(`no frame from ${serverUrl}/embed: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return frame;
}
