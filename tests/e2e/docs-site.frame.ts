/**
 * What the docs-site test loads into a generated element page in place of the built
 * assets/live-examples.js (which `npm test` does not build): it records Content-Security-Policy
 * violations before anything renders, then registers the elements and starts the live examples
 * from source, the same module the built script bundles.
 */
import type { startLiveExamples as Start } from '../../scripts/docs/live-examples.js';

type DocsFrame = Window & { docsViolations: string[]; docsReady: Promise<number> };
const frameWindow = window as unknown as DocsFrame;

frameWindow.docsViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  frameWindow.docsViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
// Imported only now, so the listener is in place before any element renders.
frameWindow.docsReady = (async () => {
  await import('../../components/define.js');
  const { startLiveExamples } = (await import('../../scripts/docs/live-examples.js')) as { startLiveExamples: typeof Start };
  return startLiveExamples(document);
})();
