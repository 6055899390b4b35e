import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-review-queue/index.js';
import '../../components/plc-community-board/index.js';
import type { PlcReviewQueue } from '../../components/plc-review-queue/plc-review-queue.js';
import type { PlcCommunityBoard } from '../../components/plc-community-board/plc-community-board.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { button, click, field, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { logBuilder, waitForText } from '../support/log-harness.js';

const QUESTION = {
  text: 'How do students use written comments to improve their next piece of work?',
  rationale: 'Comments are rarely read.',
  targetStudents: 'Year 9',
  plannedActions: ['Redrafting time in lessons'],
  successCriteria: ['Students redraft using the comments'],
  plannedEvidence: [{ kind: 'student-voice', description: 'A survey' }],
};

/** Three questions submitted for review: two to Amir (feedback PLC lead), the older first; one to Dana. */
function submitted() {
  const log = logBuilder('2026-11-03T09:00:00.000Z', 'rq');
  const group = (id: string, title: string, communityId: string, themeId: string, owner: string) => {
    log.add(id, 'enquiry.create', owner, { title, kind: 'group', cycleId: 'cy-2026', themeId, communityId, ownerIds: [owner], track: 'plc', stages: [...defaultLifecycle.stages] });
    log.add(id, 'question.draft', owner, { ...QUESTION, text: `${QUESTION.text} (${title})` });
    log.add(id, 'question.submit', owner);
  };
  group('enq-older', 'Comments that get read', 'com-feedback', 'th-afl', 'p-beth');
  group('enq-dana', 'Talk roles', 'com-oracy', 'th-oracy', 'p-eli');
  group('enq-newer', 'Redrafting time', 'com-feedback', 'th-afl', 'p-chen');
  return log.events;
}

const titles = (element: Element) => queryAllDeep(element, '[part="item"] h3').map((h) => h.textContent!.trim());

describe('plc-review-queue', () => {
  it("lists the lead's questions oldest first, and approves and returns them from the queue with real clicks", async () => {
    const { element, store } = await renderWithSession<PlcReviewQueue>(html`<plc-review-queue></plc-review-queue>`, { personId: 'p-amir', events: submitted() });
    expect(textOf(element)).to.contain('Waiting for my review');
    expect(titles(element)).to.deep.equal(['Comments that get read', 'Redrafting time']);
    expect(textOf(element)).to.contain('2 waiting, oldest first.');
    expect(textOf(element)).not.to.contain('Talk roles');
    await expect(element).to.be.accessible();

    const [older] = queryAllDeep(element, '[part="item"]');
    await click(button(older!, 'Approve'));
    await settle(element);
    await typeInto(field<HTMLTextAreaElement>(element, 'A comment for the owners'), 'Clear and open.');
    await click(button(element, 'Approve the question'));
    await waitForText(element, 'Approved: Comments that get read.');
    await settle(element);
    expect(titles(element)).to.deep.equal(['Redrafting time']);
    const approved = (await store.readLog('enq-older')).at(-1)!;
    expect([approved.type, approved.authorId, approved.payload['comment']]).to.deep.equal(['question.approve', 'p-amir', 'Clear and open.']);
    expect((await store.listEnquiries({ communityId: 'com-feedback' })).find((e) => e.enquiryId === 'enq-older')!.stage).to.equal('observation');

    await click(button(element, 'Return with a comment'));
    await settle(element);
    await click(button(element, 'Return the question'));
    await settle(element);
    expect(textOf(element)).to.contain('Say what to change before returning the question.');
    expect((await store.readLog('enq-newer')).at(-1)!.type).to.equal('question.submit', 'nothing saved without a comment');
    await typeInto(field<HTMLTextAreaElement>(element, 'What should change'), 'Name the evidence you will collect.');
    await click(button(element, 'Return the question'));
    await waitForText(element, 'Nothing is waiting for your review.');
    const returned = (await store.readLog('enq-newer')).at(-1)!;
    expect([returned.type, returned.payload['comment']]).to.deep.equal(['question.return', 'Name the evidence you will collect.']);
    await expect(element).to.be.accessible();
  });

  it('says why when someone else decided first, and saves nothing', async () => {
    const { element, store } = await renderWithSession<PlcReviewQueue>(html`<plc-review-queue></plc-review-queue>`, { personId: 'p-amir', events: submitted() });
    // Approved on another device meanwhile: the queue still shows it until the change arrives.
    const log = await store.readLog('enq-older');
    const elsewhere = logBuilder('2026-11-05T09:00:00.000Z', 'other').add('enq-older', 'question.approve', 'p-amir');
    const before = log.length;
    const [older] = queryAllDeep(element, '[part="item"]');
    await click(button(older!, 'Return with a comment'));
    await settle(element);
    await typeInto(field<HTMLTextAreaElement>(element, 'What should change'), 'Too late.');
    await store.append('enq-older', [elsewhere]);
    await click(button(element, 'Return the question'));
    await settle(element);
    const after = await store.readLog('enq-older');
    expect(after.length).to.equal(before + 1, 'only the other device’s approval');
    expect(after.some((e) => e.type === 'question.return')).to.equal(false);
  });

  it('a CPD leader reviews individual projects; a teacher has nothing waiting', async () => {
    const log = logBuilder('2026-11-03T09:00:00.000Z', 'ind');
    log.add('enq-solo', 'enquiry.create', 'p-fern', { title: 'Retrieval starters', kind: 'individual', cycleId: 'cy-2026', themeId: 'th-afl', ownerIds: ['p-fern'], track: 'plc', stages: [...defaultLifecycle.stages] });
    log.add('enq-solo', 'question.draft', 'p-fern', QUESTION);
    log.add('enq-solo', 'question.submit', 'p-fern');
    const clare = await renderWithSession<PlcReviewQueue>(html`<plc-review-queue></plc-review-queue>`, { personId: 'p-clare', events: log.events });
    expect(titles(clare.element)).to.deep.equal(['Retrieval starters']);
    const beth = await renderWithSession<PlcReviewQueue>(html`<plc-review-queue></plc-review-queue>`, { personId: 'p-beth', events: submitted() });
    expect(textOf(beth.element)).to.contain('Nothing is waiting for your review.');
  });

  it('the same queue is a filter on the community board', async () => {
    const { element } = await renderWithSession<PlcCommunityBoard>(html`<plc-community-board view="list"></plc-community-board>`, { personId: 'p-amir', events: submitted() });
    const box = field<HTMLInputElement>(element, 'Waiting for my review (2)');
    await click(box);
    await settle(element);
    expect(element.filterReview).to.equal(true);
    const rows = queryAllDeep(element, '[role="option"]').map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(rows).to.have.length(2);
    expect(rows.join(' ')).to.contain('Comments that get read').and.to.contain('Redrafting time');
    expect(rows.join(' ')).not.to.contain('Talk roles');
    await expect(element).to.be.accessible();
  });
});
