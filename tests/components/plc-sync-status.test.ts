/**
 * Saved here versus sent: plc-sync-status says "Saved on this device: N not sent yet" apart from
 * "Synced", keeps the count in sight on a phone-sized screen in plc-app's bar, and an editor's
 * "Draft saved." adds that it is on this device only while the server cannot be reached.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-sync-status/index.js';
import '../../components/plc-question-editor/index.js';
import type { PlcSyncStatus } from '../../components/plc-sync-status/plc-sync-status.js';
import type { Store } from '../../src/store/store.js';
import { syncingStore } from '../support/syncing-store.js';
import { button, click, field, queryDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { seedDemo } from '../../examples/demo/seed.js';

const statusText = (element: Element) => textOf(queryDeep(element, '[part="status"]'));

describe('saved on this device, not sent yet', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('counts what is not sent yet apart from "Synced", in the live region', async () => {
    const store = syncingStore({ status: 'saved-locally', waiting: 3, rejected: 0 });
    const element = await fixture<PlcSyncStatus>(html`<plc-sync-status .store=${store as Store}></plc-sync-status>`);
    expect(statusText(element)).to.equal('Saved on this device: 3 not sent yet');
    await expect(element).to.be.accessible();
    store.set({ status: 'offline', waiting: 4, rejected: 0 });
    await element.updateComplete;
    expect(statusText(element)).to.equal('Offline: 4 not sent yet');
    store.set({ status: 'synced', waiting: 0, rejected: 0 });
    await element.updateComplete;
    expect(statusText(element)).to.equal('Synced');
  });

  it('keeps the count whole and in sight on a 360 px screen', async () => {
    await setViewport({ width: 360, height: 640 });
    const store = syncingStore({ status: 'offline', waiting: 12, rejected: 0 });
    const element = await fixture<PlcSyncStatus>(html`<div style="width: 9rem"><plc-sync-status .store=${store as Store}></plc-sync-status></div>`);
    const status = element.querySelector('plc-sync-status')!;
    await (status as PlcSyncStatus).updateComplete;
    const line = queryDeep(status, '[part="status"]') as HTMLElement;
    expect(textOf(line)).to.contain('12');
    const box = line.getBoundingClientRect();
    expect(box.right).to.be.at.most(360);
    expect(line.scrollWidth).to.be.at.most(line.clientWidth + 1);
  });

  it('an editor says a draft saved offline is on this device only', async () => {
    const store = syncingStore({ status: 'offline', waiting: 0, rejected: 0 });
    await seedDemo(store);
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`, {
      store,
      seed: false,
      personId: 'p-eli',
    });
    await typeInto(field(element, 'Which students?'), 'Year 8');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect(textOf(queryDeep(element, '[part="status"]'))).to.equal('Draft saved. Saved on this device, not sent yet: it goes when the connection is back.');
    store.set({ status: 'synced', waiting: 0, rejected: 0 });
    await typeInto(field(element, 'Which students?'), 'Year 8 set 2');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect(textOf(queryDeep(element, '[part="status"]'))).to.equal('Draft saved.');
  });
});
