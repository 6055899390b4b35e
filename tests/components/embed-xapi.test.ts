/**
 * The `plc-xapi` DOM event: a step taken in the UI (a real click) is announced with its xAPI
 * statement, which a host hears on `document`; drafts and refused steps announce nothing.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-question-editor/index.js';
import type { PlcQuestionEditor } from '../../components/plc-question-editor/plc-question-editor.js';
import type { PlcXapiEvent } from '../../components/events/xapi.js';
import { PLC_KIT_NAMESPACE, XAPI_EXTENSIONS, uuidV5 } from '../../src/export/xapi.js';
import { button, click, field, renderWithSession, settle, typeInto } from '../support/component-harness.js';

/** Collects every plc-xapi event that reaches `document` until `stop()`. */
function listen() {
  const heard: PlcXapiEvent[] = [];
  const onXapi = (event: PlcXapiEvent) => heard.push(event);
  document.addEventListener('plc-xapi', onXapi);
  return { heard, stop: () => document.removeEventListener('plc-xapi', onXapi) };
}

const render = (personId: string) =>
  renderWithSession<PlcQuestionEditor>(html`<plc-question-editor enquiry-id="enq-oracy" today="2025-11-10"></plc-question-editor>`, { personId });

describe('plc-xapi', () => {
  it('reaches document with the statement when a click submits a question, and not for the draft saved first', async () => {
    const { element, store } = await render('p-eli');
    const xapi = listen();
    try {
      await click(button(element, 'Add a success criterion'));
      await settle(element);
      await typeInto(field(element, 'Success criterion 1'), 'Uses because');
      await click(button(element, 'Submit for review'));
      await settle(element);
    } finally {
      xapi.stop();
    }
    const [draft, submit] = (await store.readLog('enq-oracy')).slice(-2);
    expect([draft!.type, submit!.type]).to.deep.equal(['question.draft', 'question.submit']);
    expect(xapi.heard).to.have.length(1);
    const { statement } = xapi.heard[0]!;
    expect(xapi.heard[0]!.composed).to.equal(true);
    expect(statement.id).to.equal(uuidV5(submit!.id, PLC_KIT_NAMESPACE));
    expect(statement.actor).to.deep.equal({ objectType: 'Agent', account: { homePage: location.origin, name: 'p-eli' } });
    expect(statement.verb.id).to.equal('https://plc-kit.dev/xapi/verbs/submitted-question');
    expect(statement.object.id).to.equal(`${location.origin}/plc-kit/enquiries/enq-oracy`);
    expect(statement.context.extensions[XAPI_EXTENSIONS.step]).to.equal('question.submit');
    expect(statement.context.contextActivities.parent?.[0]?.id).to.match(/\/plc-kit\/communities\/com-oracy$/);
    expect(statement.timestamp).to.equal(submit!.at);
  });

  it('is not fired for a refused step', async () => {
    const { element, store } = await render('p-eli');
    const before = (await store.readLog('enq-oracy')).length;
    const xapi = listen();
    try {
      await click(button(element, 'Submit for review'));
      await settle(element);
    } finally {
      xapi.stop();
    }
    expect((await store.readLog('enq-oracy')).length).to.equal(before);
    expect(xapi.heard).to.have.length(0);
  });
});
