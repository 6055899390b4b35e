/**
 * `examples/index.html?server=http://127.0.0.1:8787` runs the demo against a local plc-kit server
 * (`npm run start:server` opens that address): this script, loaded before the elements, gives
 * the app the server and says so in the page's introduction. Without `?server=` it does nothing.
 */
const server = new URLSearchParams(location.search).get('server');
const app = document.querySelector('plc-app');
const intro = document.querySelector<HTMLElement>('[data-storage-note]');
if (server && app) {
  let valid = false;
  try {
    valid = ['http:', 'https:'].includes(new URL(server).protocol);
  } catch {
    valid = false;
  }
  if (valid) {
    app.setAttribute('server', server);
    if (intro) intro.textContent = `Everything is kept in this browser and synced with the plc-kit server at ${server}: open this page in another browser, choose someone else, and see the same school.`;
  } else if (intro) {
    intro.textContent = `“${server}” is not a server address (use ?server=http://127.0.0.1:8787), so everything stays in this browser (IndexedDB).`;
  }
}
