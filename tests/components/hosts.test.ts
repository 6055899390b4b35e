/**
 * The framework hosts (examples/hosts): a React 19 app, a Vue 3 app and a plain page, each
 * loaded as it is served, in an iframe. In each: plc-my-enquiries renders inside the host; the
 * store object the host passes arrives as a property; a person switched by the host (an
 * attribute set by the framework) reaches the element; and plc-enquiry-open, fired by a real
 * click in the element, reaches the host's handler, which then shows the enquiry.
 */
import { expect } from '@open-wc/testing';
import { clickInFrame, frame, frameQueryAll, frameText, waitFor } from '../support/embed-harness.js';

const HOSTS = [
  { name: 'React 19', page: '/examples/hosts/react/index.html', heard: 'React heard plc-enquiry-open: enq-feedback' },
  { name: 'Vue 3', page: '/examples/hosts/vue/index.html', heard: 'Vue heard plc-enquiry-open: enq-feedback' },
  { name: 'a plain page', page: '/examples/hosts/plain.html', heard: 'The page heard plc-enquiry-open: enq-feedback' },
];

const FEEDBACK = 'Engaging with written feedback';
const ORACY = 'Structured talk in mixed-attainment groups';

for (const host of HOSTS) {
  describe(`plc-kit in ${host.name}`, function () {
    // The first load compiles the elements (and, for React, reads its CommonJS files).
    this.timeout(40000);
    let iframe: HTMLIFrameElement;
    let doc: Document;
    const provider = () => doc.querySelector('plc-provider') as (HTMLElement & { store?: unknown }) | null;
    const list = () => doc.querySelector('plc-provider > plc-my-enquiries');
    const hostButton = (name: string) => [...doc.querySelectorAll('button')].find((b) => b.textContent?.includes(name))!;

    before(async () => {
      iframe = await frame(host.page, { plain: true, width: 1000, height: 800 });
      doc = iframe.contentDocument!;
    });
    after(() => iframe.remove());

    it('renders plc-my-enquiries inside the host, with the store the host passed as a property', async () => {
      await waitFor(() => Boolean(list()) && frameText(list()!).includes(FEEDBACK), 'the list', 35000);
      const store = provider()!.store as { readLog?: unknown } | undefined;
      expect(typeof store?.readLog).to.equal('function');
      expect(provider()!.hasAttribute('store')).to.equal(false);
      expect(provider()!.getAttribute('person-id')).to.equal('p-beth');
    });

    it('passes a person chosen in the host to the element as an attribute', async () => {
      await clickInFrame(iframe, hostButton('Sign in as Dana Okafor'));
      await waitFor(() => provider()!.getAttribute('person-id') === 'p-dana', 'person-id to change');
      await waitFor(() => Boolean(list()) && frameText(list()!).includes(ORACY) && !frameText(list()!).includes(FEEDBACK), "Dana's list");
      await clickInFrame(iframe, hostButton('Sign in as Beth Evans'));
      await waitFor(() => Boolean(list()) && frameText(list()!).includes(FEEDBACK), "Beth's list again");
    });

    it("hands the element's plc-enquiry-open event to the host's handler", async () => {
      const open = frameQueryAll<HTMLButtonElement>(list()!, 'button').find((b) => frameText(b).includes(FEEDBACK))!;
      await clickInFrame(iframe, open);
      const status = doc.querySelector('.host-status')!;
      await waitFor(() => status.textContent!.includes(host.heard), 'the host to hear the event');
      await waitFor(() => Boolean(doc.querySelector('plc-provider > plc-enquiry')), 'the host to show the enquiry');
      expect(doc.querySelector('plc-provider > plc-enquiry')!.getAttribute('enquiry-id')).to.equal('enq-feedback');
      await waitFor(() => frameText(doc.querySelector('plc-enquiry')!).includes(FEEDBACK), 'the enquiry to load');
    });
  });
}
