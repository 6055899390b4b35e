/**
 * Opening offline: {@link registerServiceWorker} turns on plc-kit's service worker (issue 16).
 * @packageDocumentation
 */
export { registerServiceWorker, type ServiceWorkerOptions } from './register.js';
