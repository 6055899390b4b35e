/**
 * The demo opens offline once visited: `npm start` serves the service worker at ./sw.js
 * (scripts/start.js). Served another way (a test's own dev server), there is none, and the demo
 * works online as before.
 */
import { registerServiceWorker } from '../../components/offline/index.js';

registerServiceWorker('./sw.js').catch((error: unknown) => console.info(error instanceof Error ? error.message : error));
