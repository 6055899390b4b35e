// Production: the embed page's one-file build (dist/embed/bundle.js) registers every element and
// exports the embed bootstrap.
import { registerServiceWorker, startEmbed } from '../../dist/embed/bundle.js';

startEmbed();
// Opens offline after a first visit: sw.js beside this file. The plc-kit server serves the page at
// /embed too, outside the folder /embed/, and sends sw.js with the scope that allows it.
const folder = new URL('.', import.meta.url);
registerServiceWorker(new URL('sw.js', folder), location.href.startsWith(folder.href) ? {} : { scope: folder.pathname.replace(/\/$/, '') }).catch((error) =>
  console.warn(error instanceof Error ? error.message : error),
);
