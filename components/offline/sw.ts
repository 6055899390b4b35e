/**
 * The service worker that lets plc-kit open with no network after a first visit (issue 16), made
 * from Workbox's modules. `npm run build` bundles it into `dist/sw.js` (beside the drop-in bundle)
 * and `dist/embed/sw.js` (the embed page), each with the list of its folder's files written in
 * (scripts/service-worker.js); pages turn it on with {@link registerServiceWorker}.
 *
 * - The release's files (bundle.js, every lazily loaded bundle-*.js, the embed page) are
 *   precached when the worker installs, so a view never opened online (a learning walk) still
 *   opens offline; they are answered from the cache, so a page never mixes two releases.
 * - Every other same-origin GET (the host page itself, the demo's modules) goes to the network
 *   first and falls back to the copy kept from the last visit.
 * - The API (`/v1/...`) is never intercepted nor cached: the data live in IndexedDB, and the
 *   server's answers are for one person at one moment.
 * - A new release's worker never takes over open pages (no `skipWaiting`): it waits until every
 *   page of the old release is closed, so a page with work not yet sent keeps the code that wrote
 *   it; the next page opens on the new release and sends that work from the same outbox.
 * @module
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { isApiPath } from './api-path.js';

/** One precached file: its URL relative to the worker, and a hash of its content. */
interface PrecacheEntry {
  url: string;
  revision: string;
}

// The worker's global scope, as much of it as this file uses (the project's types are the DOM's).
declare const self: { __WB_MANIFEST?: PrecacheEntry[]; location: Location };

const RUNTIME_CACHE = 'plc-kit-runtime';

clientsClaim();
cleanupOutdatedCaches();
// The build replaces `self.__WB_MANIFEST` with the folder's files; served from the sources
// (`npm start`) there is none, and everything comes through the network-first route below.
// Query strings are ignored so that /embed/?view=board finds the precached index.html.
precacheAndRoute(self.__WB_MANIFEST ?? [], { ignoreURLParametersMatching: [/.*/] });

const sameOriginGet = (url: URL, request: Request) => url.origin === self.location.origin && request.method === 'GET' && !isApiPath(url.pathname);

// Pages: the last copy of a page answers for it whatever its query (?view=..., ?server=...).
registerRoute(({ url, request }) => sameOriginGet(url, request) && request.mode === 'navigate', new NetworkFirst({ cacheName: RUNTIME_CACHE, networkTimeoutSeconds: 5, matchOptions: { ignoreSearch: true } }));
registerRoute(({ url, request }) => sameOriginGet(url, request) && request.mode !== 'navigate', new NetworkFirst({ cacheName: RUNTIME_CACHE, networkTimeoutSeconds: 5 }));
