/**
 * The drop-in bundle (`dist/bundle.js`): the script a site admin adds with one
 * `<script type="module">`. It registers `<plc-app>` with its provider and first view ("My
 * enquiries") at once, and every other plc-kit element the first time the page uses its tag, from
 * the `bundle-*.js` files beside it (see {@link loadElement}). Upload all of them to one folder.
 * @packageDocumentation
 */
import { startAutoload } from './autoload.js';
import type { ServiceWorkerOptions } from './offline/index.js';

export * from './plc-provider/index.js';
export * from './plc-my-enquiries/index.js';
export * from './plc-app/index.js';
export { loadElement, LAZY_TAGS } from './autoload.js';
export { setPlcLocale, resolveLocale, SUPPORTED_LOCALES } from './localization.js';
export type { ServiceWorkerOptions } from './offline/index.js';
// Types for every element and event, the lazily loaded ones too (their tags, their events' maps).
export type * from './define.js';

/**
 * Turns on opening offline (see `registerServiceWorker` of `plc-kit/define.js` for what it does);
 * its code is a file of its own, loaded on the first call: opening offline is the page's choice,
 * so a page that never turns it on never downloads it.
 */
export async function registerServiceWorker(url?: string | URL, options?: ServiceWorkerOptions): Promise<ServiceWorkerRegistration | undefined> {
  const { registerServiceWorker: register } = await import('./offline/register.js');
  return register(url, options);
}

startAutoload();
