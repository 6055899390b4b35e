/**
 * "Saved on this device, not sent yet" is said differently from "saved" in every editor (issue
 * 16): with a store that syncs but cannot reach its server, each editor's save says the work is
 * on this device only; once the store is back in sync, the same save just says it was saved.
 * Real clicks and keys in Chromium.
 */
import { expect } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../components/plc-meeting/index.js';
import '../../components/plc-learning-walk/index.js';
import '../../components/plc-cycle-admin/index.js';
import '../../components/plc-sharing-session/index.js';
import '../../components/plc-outcome-editor/index.js';
import { seedDemo } from '../../examples/demo/seed.js';
import type { SyncState } from '../../src/store/sync.js';
import { button, click, field, renderWithSession, settle, typeInto } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { walkRecord } from '../support/leaders-harness.js';
import { evidenceStageEvents } from '../support/survey-harness.js';
import { syncingStore } from '../support/syncing-store.js';

const NOT_SENT = 'Saved on this device, not sent yet';

const EDITORS: Array<{ editor: string; template: TemplateResult; personId: string; setUp?: (store: ReturnType<typeof syncingStore>) => Promise<void>; save: (element: Element) => Promise<void>; saved: string }> = [
  {
    editor: 'a meeting',
    template: html`<plc-meeting community-id="com-feedback" meeting-id="mtg-x"></plc-meeting>`,
    personId: 'p-amir',
    setUp: async (store) => {
      await store.put('meetings', { schemaVersion: 1, id: 'mtg-x', communityId: 'com-feedback', date: '2026-10-08', protocol: 'data-analysis', agenda: [{ title: 'Books', minutes: 20 }], notes: '', decisions: [], attendance: [], enquiryIds: [] }, 0);
    },
    save: async (element) => {
      await typeInto(field(element, 'Notes'), 'Tried DIRT time.');
      await click(button(element, 'Save the meeting'));
    },
    saved: 'Meeting saved.',
  },
  {
    editor: 'a learning walk',
    template: html`<plc-learning-walk walk-id="walk-strategic"></plc-learning-walk>`,
    personId: 'p-clare',
    setUp: async (store) => void (await store.put('learningWalks', walkRecord(1, 1), 0)),
    save: (element) => click(button(element, 'Not seen')),
    saved: 'Saved',
  },
  {
    editor: 'a directory record',
    template: html`<plc-cycle-admin section="people"></plc-cycle-admin>`,
    personId: 'p-clare',
    save: async (element) => {
      await click(button(element, 'Edit Beth Evans'));
      await settle(element);
      await typeInto(field(element, 'Email'), 'beth.evans@oakfield.example');
      await click(button(element, 'Save'));
    },
    saved: 'Saved “Beth Evans”.',
  },
  {
    editor: 'a reflection (an enquiry step)',
    template: html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`,
    personId: 'p-beth',
    setUp: async (store) => void (await store.append('enq-feedback', evidenceStageEvents())),
    save: async (element) => {
      await typeInto(field(element, 'What worked'), 'Improvement time.');
      await click(button(element, 'Save reflection'));
    },
    saved: 'Reflection saved.',
  },
];

describe('saved on this device, not yet sent, is said apart from saved', () => {
  for (const { editor, template, personId, setUp, save, saved } of EDITORS) {
    for (const state of [{ status: 'offline', waiting: 0, rejected: 0 }, { status: 'synced', waiting: 0, rejected: 0 }] satisfies SyncState[]) {
      it(`${editor}, ${state.status}`, async () => {
        const store = syncingStore(state);
        await seedDemo(store);
        await setUp?.(store);
        const { element } = await renderWithSession(template, { store, seed: false, personId });
        await save(element);
        await waitForText(element, saved);
        await settle(element);
        if (state.status === 'offline') await waitForText(element, NOT_SENT);
        else expect(element.shadowRoot!.textContent).not.to.contain(NOT_SENT);
      });
    }
  }
});
