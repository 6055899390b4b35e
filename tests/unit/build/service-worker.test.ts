/**
 * The service worker the build writes (scripts/service-worker.js, components/offline/sw.ts): what
 * it precaches, and that it leaves the API alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isApiPath } from '../../../components/offline/api-path.js';
// @ts-expect-error: a JavaScript build script without declarations
import { isBundleFile, writeServiceWorker } from '../../../scripts/service-worker.js';

describe('the service worker', () => {
  it('precaches bundle.js and the files beside it, each with a hash that changes with its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plc-kit-sw-'));
    try {
      for (const name of ['bundle.js', 'bundle-enquiry.js', 'bundle-es.js', 'other.js', 'index.html']) writeFileSync(join(dir, name), `// ${name}`);
      const { files } = await writeServiceWorker(dir, isBundleFile);
      assert.equal(files, 3);
      const manifest = () => JSON.parse(readFileSync(join(dir, 'sw.js'), 'utf8').match(/(\[\{"url":.*?\}\])/)![1]!) as Array<{ url: string; revision: string }>;
      const first = manifest();
      assert.deepEqual(first.map((e) => e.url), ['bundle-enquiry.js', 'bundle-es.js', 'bundle.js']);
      writeFileSync(join(dir, 'bundle-es.js'), '// a new release');
      await writeServiceWorker(dir, isBundleFile);
      const second = manifest();
      assert.notEqual(second[1]!.revision, first[1]!.revision, 'a changed file gets a new revision, so the new worker fetches it');
      assert.equal(second[0]!.revision, first[0]!.revision, 'an unchanged file keeps its revision');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder with nothing to precache, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plc-kit-sw-empty-'));
    try {
      await assert.rejects(writeServiceWorker(dir, isBundleFile), (error: Error) => error.message.includes(dir) && /nothing|no files/.test(error.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never touches the API, wherever the server is mounted', () => {
    for (const path of ['/v1/enquiries', '/v1', '/plc/v1/sync/push']) assert.equal(isApiPath(path), true, path);
    for (const path of ['/bundle.js', '/embed/', '/v1.html', '/docs/v10/', '/plc/app.html']) assert.equal(isApiPath(path), false, path);
  });
});
