import { isApiPath } from './api-path.js';

/** Options of {@link registerServiceWorker}. */
export interface ServiceWorkerOptions {
  /**
   * The pages the worker serves offline: the folder of the worker's file by default. A page
   * outside it (the embed page at `/embed`, beside its folder `/embed/`) needs the worker sent
   * with a `Service-Worker-Allowed` header naming that scope, as the plc-kit server does.
   */
  scope?: string | undefined;
}

/**
 * Turns on opening offline: registers plc-kit's service worker (`sw.js` of the release, beside
 * `bundle.js`) so that, after this first visit, the page and every plc-kit view open with no
 * network. Nothing happens until a page calls it: integrators choose. Work typed offline is kept
 * in IndexedDB as before and sent when the network is back; the worker never caches the API.
 *
 * On a first visit the files this page loaded before the worker existed are cached too; the
 * promise resolves once they are. It resolves `undefined` where the browser has no service
 * workers (or the page is not served over HTTPS or from localhost), and rejects with the reason
 * when the worker's file cannot be registered.
 *
 * A new release's worker waits until every page of the old one is closed (see
 * `components/offline/sw.ts`), so updating never takes the code away from a page with work not yet
 * sent.
 *
 * @example
 * ```html
 * <script type="module">
 *   import { registerServiceWorker } from 'https://school.example/plc-kit/bundle.js';
 *   registerServiceWorker('https://school.example/plc-kit/sw.js').catch((error) => console.warn(error));
 * </script>
 * ```
 */
export async function registerServiceWorker(url: string | URL = 'sw.js', options: ServiceWorkerOptions = {}): Promise<ServiceWorkerRegistration | undefined> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return undefined;
  const firstVisit = !navigator.serviceWorker.controller;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register(url, { type: 'classic', updateViaCache: 'none', ...(options.scope ? { scope: options.scope } : {}) });
  } catch (error) {
    throw new Error(
      `plc-kit could not register its service worker ${String(url)}: ${error instanceof Error ? error.message : String(error)} ` +
        '(upload sw.js of this release beside bundle.js, and give the scope of pages outside its folder in a Service-Worker-Allowed header).',
      { cause: error },
    );
  }
  if (firstVisit) await cacheLoadedFiles(await navigator.serviceWorker.ready);
  return registration;
}

/** Hands the worker what this page loaded before it was there (the page, its scripts), and waits until they are cached. */
async function cacheLoadedFiles(registration: ServiceWorkerRegistration): Promise<void> {
  const worker = registration.active;
  if (!worker) return;
  const sameOrigin = (href: string) => {
    const url = new URL(href, location.href);
    return url.origin === location.origin && !isApiPath(url.pathname);
  };
  const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
  const urlsToCache = [...new Set([location.href, ...loaded].filter(sameOrigin))];
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    worker.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache } }, [channel.port2]);
    // A file that fails to cache leaves the worker without an answer: the page goes on anyway.
    setTimeout(resolve, 30_000);
  });
}
