/**
 * Generated element pages of the docs site, in Chromium. The test builds two pages with the
 * generator (scripts/docs/pages.ts) and loads each into an iframe exactly as written, under the
 * page's own Content-Security-Policy, with its two asset addresses pointed at the sources (the
 * stylesheet, and tests/e2e/docs-site.frame.ts in place of the built live-examples script). The
 * live example renders on the seeded school, the markup beside it is the markup that runs, no
 * policy violation fires, and axe finds nothing in light or dark.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { elementsOf, type Manifest } from '../../scripts/docs/manifest.js';
import { EXAMPLES } from '../../scripts/docs/examples.js';
import { elementPage } from '../../scripts/docs/pages.js';
import { frameQueryAll, frameText, waitFor } from '../support/embed-harness.js';

/** The two elements' entries, as custom-elements.json has them (the analyzer runs only in Node). */
const MANIFEST: Manifest = {
  modules: [
    {
      path: 'components/plc-enquiry/plc-enquiry.ts',
      declarations: [
        {
          kind: 'class',
          name: 'PlcEnquiry',
          tagName: 'plc-enquiry',
          summary: 'An enquiry: stage stepper, current stage, actions and history.',
          description: 'One enquiry from theme to sharing, with `plc-question-editor` and the other stage elements inside.',
          attributes: [{ name: 'enquiry-id', type: { text: 'string | undefined' }, description: 'The enquiry to show.', fieldName: 'enquiryId' }],
          members: [{ kind: 'field', name: 'enquiryId', type: { text: 'string | undefined' }, attribute: 'enquiry-id', description: 'The enquiry to show.' }],
          events: [
            { name: 'plc-stage-change', description: 'The enquiry moved to another stage. `enquiryId`, `from`, `to`.' },
            { name: 'plc-error', description: 'The enquiry could not be loaded or a step could not be saved.' },
          ],
          slots: [{ name: 'stage-<id>', description: "The panel of an integrator's stage <id>, placed in the light DOM." }],
          cssParts: [{ name: 'header', description: 'Title, theme, community, owners, status and the manage actions.' }],
          cssProperties: [{ name: '--plc-color-success', description: 'Done stages.' }],
        },
      ],
    },
    {
      path: 'components/plc-survey-results/plc-survey-results.ts',
      declarations: [
        {
          kind: 'class',
          name: 'PlcSurveyResults',
          tagName: 'plc-survey-results',
          summary: 'Anonymous student-voice results: charts, tables, small groups hidden.',
          attributes: [
            { name: 'survey-id', type: { text: 'string | undefined' }, description: 'The survey whose live results to show.' },
            { name: 'show-tables', type: { text: 'boolean' }, default: 'false', description: 'Show every data table from the start.' },
          ],
          cssParts: [{ name: 'chart', description: "Each chart's SVG." }],
        },
      ],
    },
  ],
};

const elements = elementsOf(MANIFEST);
const SITE = { version: 'test', description: 'plc-kit' };

type DocsFrame = Window & {
  docsViolations: string[];
  docsReady: Promise<number>;
  axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> };
};

/** The generated page of `tag`, with its stylesheet and script pointed at the sources. */
function pageSource(tag: string): string {
  const html = elementPage(elements.find((e) => e.tag === tag)!, EXAMPLES[tag]!, SITE, elements);
  const css = '<link rel="stylesheet" href="../assets/site.css">';
  const script = '<script src="../assets/live-examples.js" defer></script>';
  expect(html).to.contain(css).and.to.contain(script);
  return html.replace(css, '<link rel="stylesheet" href="/docs/site-assets/site.css">').replace(script, '<script type="module" src="/tests/e2e/docs-site.frame.ts"></script>');
}

/** Loads a generated page into an iframe (srcdoc keeps this server's origin, so 'self' is it). */
async function loadPage(tag: string): Promise<{ iframe: HTMLIFrameElement; win: DocsFrame }> {
  const iframe = document.createElement('iframe');
  iframe.title = `Docs page of <${tag}>`;
  iframe.width = '1100';
  iframe.height = '800';
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.srcdoc = pageSource(tag);
  document.body.append(iframe);
  await loaded;
  const win = iframe.contentWindow as DocsFrame;
  await waitFor(() => Boolean(win.docsReady), 'the live examples to start', 30000);
  return { iframe, win };
}

/** Loads axe into the page (a same-origin script, as its policy allows) and runs every rule. */
async function axeViolations(win: DocsFrame): Promise<string[]> {
  if (!win.axe) {
    const script = win.document.createElement('script');
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', reject, { once: true });
    });
    script.src = '/node_modules/axe-core/axe.min.js';
    win.document.head.append(script);
    await loaded;
  }
  const results = await win.axe.run(win.document, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`).join('; ')})`);
}

describe('docs site: generated element pages', function () {
  // The first page compiles every element from source.
  this.timeout(60000);
  let iframe: HTMLIFrameElement | undefined;
  afterEach(async () => {
    iframe?.remove();
    iframe = undefined;
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it("runs <plc-enquiry>'s live example on the demo school, with its markup beside it, under the page's policy", async () => {
    const loaded = await loadPage('plc-enquiry');
    iframe = loaded.iframe;
    const { win } = loaded;
    expect(await win.docsReady).to.equal(1);
    const enquiry = win.document.querySelector('[data-live-example="plc-enquiry"] plc-enquiry')!;
    await waitFor(() => frameText(enquiry).includes('Engaging with written feedback'), 'the seeded enquiry', 15000);
    expect(enquiry.shadowRoot!.childElementCount).to.be.greaterThan(0);
    // The docs' observation is there too: the stepper shows the enquiry at its observation stage.
    await waitFor(() => frameText(enquiry).includes('Beth Evans observed Chen Li'), "the docs' observation", 15000);
    // The markup shown is the markup that runs.
    expect(win.document.querySelector('#example-html + pre code')!.textContent).to.equal(EXAMPLES['plc-enquiry']!.html);
    expect(frameQueryAll(enquiry, 'style')).to.have.length(0);
    expect(await axeViolations(win)).to.deep.equal([]);
    expect(win.docsViolations).to.deep.equal([]);
    // The policy is in force and the listener hears it: an inline style attribute is refused.
    const probe = win.document.createElement('p');
    probe.setAttribute('style', 'color: red');
    win.document.body.append(probe);
    await waitFor(() => win.docsViolations.length > 0, "the probe's violation", 5000);
    expect(win.docsViolations[0]).to.match(/^style-src/);
  });

  it('has no axe violations in light or dark, live example included', async () => {
    const loaded = await loadPage('plc-survey-results');
    iframe = loaded.iframe;
    const { win } = loaded;
    expect(await win.docsReady).to.equal(1);
    const results = win.document.querySelector('[data-live-example="plc-survey-results"] plc-survey-results')!;
    await waitFor(() => frameText(results).includes('6 responses'), 'the six answers', 15000);
    expect(frameQueryAll(results, 'svg[role="img"]').length).to.be.greaterThan(0);
    expect(await axeViolations(win)).to.deep.equal([]);
    // Reduced motion: buttons fade their colours otherwise, and axe would measure mid-fade.
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    expect(win.matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expect(await axeViolations(win)).to.deep.equal([]);
    expect(win.docsViolations).to.deep.equal([]);
  });
});
