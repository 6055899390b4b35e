/**
 * The drop-in bundle (`dist/bundle.js`): the script a site admin adds with one
 * `<script type="module">`. It registers `<plc-app>` with its provider and first view ("My
 * enquiries") at once, and every other plc-kit element the first time the page uses its tag, from
 * the `bundle-*.js` files beside it (see {@link loadElement}). Upload all of them to one folder.
 * @packageDocumentation
 */
import { startAutoload } from './autoload.js';

export * from './plc-provider/index.js';
export * from './plc-my-enquiries/index.js';
export * from './plc-app/index.js';
export { loadElement, LAZY_TAGS } from './autoload.js';
export { setPlcLocale, resolveLocale, SUPPORTED_LOCALES } from './localization.js';
export { registerServiceWorker, type ServiceWorkerOptions } from './offline/index.js';
// Types for every element and event, the lazily loaded ones too (their tags, their events' maps).
export type * from './define.js';

startAutoload();
