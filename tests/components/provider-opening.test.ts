/**
 * While `<plc-provider>` opens its store it answers the elements inside at once, with no session
 * yet: they say they are loading, never "needs a plc-provider" (which a teacher on a slow tablet
 * saw for a second before every view of the app). An element outside any provider still says
 * where to place it. The provider here opens IndexedDB, which cannot answer before the elements'
 * first render.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../components/define.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { settle } from '../support/component-harness.js';

type Loading = HTMLElement & { loaded: Promise<void>; updateComplete: Promise<boolean> };

/** Elements of each kind of "no session" notice: their own, a heading's, the server reads', a survey's. */
const ELEMENTS: Array<{ template: TemplateResult; warning: string; loading: string }> = [
  { template: html`<plc-my-enquiries></plc-my-enquiries>`, warning: 'Place this element inside <plc-provider>', loading: 'Loading…' },
  { template: html`<plc-booklet></plc-booklet>`, warning: 'needs a plc-provider', loading: 'Loading…' },
  { template: html`<plc-credentials></plc-credentials>`, warning: 'needs a plc-provider', loading: 'Loading badges…' },
  { template: html`<plc-survey-results survey-id="s-1"></plc-survey-results>`, warning: 'need a plc-provider', loading: 'Loading…' },
  { template: html`<plc-sharing-session></plc-sharing-session>`, warning: 'needs a plc-provider', loading: 'Loading…' },
];

const textOf = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
const statusOf = (element: Element) => [...(element.shadowRoot?.querySelectorAll('[role="status"]') ?? [])].map((node) => node.textContent!.trim());

describe('elements while their provider opens its store', () => {
  for (const { template, warning, loading } of ELEMENTS) {
    const tag = template.strings[0]!.match(/<([a-z-]+)/)![1]!;

    it(`${tag}: says it is loading inside an opening provider, and where to go outside any`, async () => {
      const name = `plc-opening-${Math.random().toString(36).slice(2)}`;
      const provider = await fixture<PlcProvider>(html`<plc-provider storage="indexeddb" database-name=${name}>${template}</plc-provider>`);
      const element = provider.querySelector<Loading>(tag)!;
      try {
        await element.updateComplete;
        expect(statusOf(element), `${tag}'s status before the store opened`).to.include(loading);
        expect(textOf(element)).not.to.contain(warning);

        await provider.ready;
        await element.loaded;
        await settle(element);
        expect(provider.session, 'the session once the store opened').not.to.equal(undefined);
        expect(textOf(element)).not.to.contain(warning);
        expect(statusOf(element), `${tag}'s status once open`).not.to.include('Loading…');
      } finally {
        provider.remove();
        indexedDB.deleteDatabase(name);
      }

      const bare = await fixture<Loading>(template);
      expect(textOf(bare), `${tag} outside any provider`).to.contain(warning);
    });
  }
});
