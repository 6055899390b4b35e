/**
 * Every element `<plc-app>` routes to has `focusHeading()`, which puts keyboard focus on the
 * element's own heading once it has loaded and in its empty, signed-out and no-provider states
 * too: the app relies on it after each navigation, with no fallback of its own.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../components/define.js';
import { deepActiveElement, renderWithSession, settle } from '../support/component-harness.js';

type Focusable = HTMLElement & { focusHeading(): void; loaded?: Promise<unknown> };

/** The routed elements, each with who may see it and the start of its heading once loaded. */
const ROUTED: Array<{ tag: string; template: TemplateResult; personId: string; heading: string }> = [
  { tag: 'plc-my-enquiries', template: html`<plc-my-enquiries></plc-my-enquiries>`, personId: 'p-beth', heading: 'My enquiries' },
  { tag: 'plc-enquiry', template: html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`, personId: 'p-beth', heading: 'Engaging with written feedback' },
  { tag: 'plc-community-board', template: html`<plc-community-board></plc-community-board>`, personId: 'p-beth', heading: 'Community board' },
  { tag: 'plc-meeting', template: html`<plc-meeting community-id="com-feedback"></plc-meeting>`, personId: 'p-amir', heading: 'Meetings of Feedback that moves learning' },
  { tag: 'plc-learning-walk', template: html`<plc-learning-walk></plc-learning-walk>`, personId: 'p-clare', heading: 'Learning walk' },
  { tag: 'plc-impact-report', template: html`<plc-impact-report></plc-impact-report>`, personId: 'p-clare', heading: 'Impact report: 2026-27' },
  { tag: 'plc-booklet', template: html`<plc-booklet></plc-booklet>`, personId: 'p-beth', heading: 'Booklet 2026-27' },
  { tag: 'plc-cycle-admin', template: html`<plc-cycle-admin></plc-cycle-admin>`, personId: 'p-clare', heading: 'Programme administration' },
  // Without a server these two say where badges come from, under their heading.
  { tag: 'plc-credentials', template: html`<plc-credentials></plc-credentials>`, personId: 'p-beth', heading: 'Badges' },
  { tag: 'plc-celebrate', template: html`<plc-celebrate></plc-celebrate>`, personId: 'p-beth', heading: 'Celebrating our enquiries' },
  // Without a server it says the survey is kept there, under its heading.
  { tag: 'plc-staff-feedback', template: html`<plc-staff-feedback></plc-staff-feedback>`, personId: 'p-clare', heading: 'Staff feedback on the programme' },
];

/** The focused heading inside `element`'s shadow root, or throws naming what has focus instead. */
function focusedHeading(element: Element): HTMLElement {
  const active = deepActiveElement();
  if (!active || !/^H[1-6]$/.test(active.tagName) || active.getRootNode() !== element.shadowRoot) {
    throw new Error(`focus is on ${active?.localName ?? 'nothing'}, not on a heading of ${element.localName}`);
  }
  return active as HTMLElement;
}

describe('focusHeading() of the routed elements', () => {
  for (const { tag, template, personId, heading } of ROUTED) {
    it(`${tag}: focus lands on its heading once loaded`, async () => {
      const { element } = await renderWithSession<Focusable>(template, { personId });
      await element.loaded;
      await settle(element);
      expect(typeof element.focusHeading, `${tag}.focusHeading`).to.equal('function');
      element.focusHeading();
      expect(focusedHeading(element).textContent!.replace(/\s+/g, ' ').trim()).to.contain(heading);
    });
  }

  it('focus lands on the heading of the states shown before anything loads (no provider, no one signed in)', async () => {
    for (const { tag, template } of ROUTED.filter((r) => ['plc-meeting', 'plc-learning-walk', 'plc-impact-report', 'plc-booklet', 'plc-cycle-admin'].includes(r.tag))) {
      const bare = await fixture<Focusable>(template);
      bare.focusHeading();
      expect(focusedHeading(bare).tagName, `${tag} without a provider`).to.match(/^H[2-6]$/);

      const { element: nobody } = await renderWithSession<Focusable>(template, { personId: '' });
      await settle(nobody);
      nobody.focusHeading();
      expect(focusedHeading(nobody).tagName, `${tag} signed out`).to.match(/^H[2-6]$/);
    }
  });
});
