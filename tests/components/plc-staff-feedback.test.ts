import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-staff-feedback/index.js';
import type { PlcStaffFeedback } from '../../components/plc-staff-feedback/plc-staff-feedback.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { staffFeedbackReport } from '../../src/analysis/staffFeedback.js';
import type { Store } from '../../src/store/store.js';
import { button, click, field, hasButton, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { accessibleInBothThemes } from '../support/badge-server.js';

const SERVER = 'https://plc.test';

/**
 * A plc-kit server double for the staff feedback routes, over the test's memory store (where the
 * surveys and sheets live): a receipt per person, sheets without a person, 409 for a second
 * answer, results only once closed, computed with the server's own pure function.
 */
function feedbackServer(store: Store, roles: Record<string, 'lead' | 'staff'>) {
  const state = { asked: [] as string[], receipts: new Set<string>(), sent: [] as unknown[] };
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.origin !== SERVER) return original(input, init);
    const who = new Headers(init?.headers).get('authorization')!.replace('Bearer ', '');
    state.asked.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const [, , , id, what] = url.pathname.split('/');
    const survey = (await store.get('staffSurveys', id!))?.record;
    if (!survey) return json({ error: 'not-found', message: 'No such staff survey.' }, 404);
    const sheets = (await store.list('surveyResponses')).map((r) => r.record).filter((r) => r.surveyId === id);
    if (what === 'receipt') return json({ surveyId: id, answered: state.receipts.has(`${id}/${who}`) });
    if (what === 'answers') {
      if (state.receipts.has(`${id}/${who}`)) return json({ error: 'conflict', reason: 'already-answered', message: 'You have already answered.' }, 409);
      const { answers } = JSON.parse(String(init!.body)) as { answers: Record<string, number | string> };
      state.sent.push(answers);
      state.receipts.add(`${id}/${who}`);
      await store.put('surveyResponses', { schemaVersion: 1, id: `sheet-${state.sent.length}`, surveyId: id!, answers }, 0);
      return json({ status: 'received' }, 201);
    }
    if (roles[who] !== 'lead') return json({ error: 'forbidden', reason: 'not-staff-feedback-reader', message: 'For CPD leaders.' }, 403);
    const cycles = (await store.list('cycles')).map((c) => c.record);
    const cycle = cycles.find((c) => c.id === survey.cycleId)!;
    const before = cycles.filter((c) => c.startsOn < cycle.startsOn).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
    const previous = before && (await store.get('staffSurveys', `staff-${before.id}`))?.record;
    const people = (await store.list('people')).map((p) => p.record);
    const all = (await store.list('surveyResponses')).map((r) => r.record);
    const report = staffFeedbackReport({ cycle, survey, responses: sheets, people, previous: previous ? { survey: previous, responses: all } : undefined });
    const counts = { surveyId: id, cycleId: survey.cycleId, status: survey.status, ...report.participation };
    return json(survey.status === 'open' ? counts : { ...counts, results: report.results, ...(previous ? { previousSurveyId: previous.id, comparison: report.comparison } : {}) });
  }) as typeof fetch;
  return { state, restore: () => (window.fetch = original) };
}

async function connect(provider: PlcProvider, personId: string): Promise<void> {
  provider.session = {
    ...provider.session!,
    server: { url: SERVER, token: async () => personId, request: async (path, init) => fetch(new URL(path, SERVER), { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${personId}` } }) },
  };
  await provider.updateComplete;
}

const ROLES = { 'p-clare': 'lead', 'p-beth': 'staff' } as const;

describe('plc-staff-feedback', () => {
  let server: ReturnType<typeof feedbackServer> | undefined;
  afterEach(() => server?.restore());

  async function open(personId: string, template = html`<plc-staff-feedback></plc-staff-feedback>`, lang = 'en-GB') {
    const rendered = await renderWithSession<PlcStaffFeedback>(template, { personId, lang });
    server = feedbackServer(rendered.store, ROLES);
    await connect(rendered.provider, personId);
    await settle(rendered.element);
    return rendered;
  }

  it('says the survey lives on the server on the embedded default', async () => {
    const { element, provider } = await renderWithSession<PlcStaffFeedback>(html`<plc-staff-feedback></plc-staff-feedback>`, { personId: 'p-clare' });
    expect(textOf(element)).to.contain('Staff feedback is collected by the plc-kit server');
    await accessibleInBothThemes(element, provider);
  });

  it('a CPD leader makes this cycle’s survey from the template, answers it with real clicks once, closes it and sees too few to show', async () => {
    const { element, provider, store } = await open('p-clare', html`<plc-staff-feedback share-url="https://school.example/plc#/feedback"></plc-staff-feedback>`);
    await waitForText(element, 'has no staff survey yet');
    await accessibleInBothThemes(element, provider);
    await click(button(element, 'Make this cycle’s survey from the template'));
    await waitForText(element, 'Send my answers');
    const made = (await store.get('staffSurveys', 'staff-cy-2026'))!.record;
    expect(made.questions.map((q) => q.id)).to.deep.equal(['help-dedicated-time', 'help-peer-observation', 'help-student-voice', 'help-meetings', 'help-coaching', 'projects', 'change']);
    expect([made.title, made.status, made.lang]).to.deep.equal(['Staff feedback on the programme, 2026-27', 'open', 'en-GB']);
    expect(field(element, 'Link for the staff').value).to.equal('https://school.example/plc#/feedback');
    await waitForText(element, '0 of');
    expect(textOf(element)).to.contain('Results are shown once you close the survey');
    await accessibleInBothThemes(element, provider);

    const options = queryAllDeep<HTMLLabelElement>(element, 'label.option');
    await click(options.find((o) => textOf(o) === 'Strongly agree')!);
    await click(options.find((o) => textOf(o) === 'An individual project of my own')!);
    await typeInto(field(element, /What one thing should we change/), 'More time to read outcomes');
    await click(button(element, 'Send my answers'));
    await waitForText(element, 'You have answered this survey');
    expect(server!.state.sent).to.deep.equal([{ 'help-dedicated-time': 5, projects: 0, change: 'More time to read outcomes' }]);
    expect(JSON.stringify(server!.state.sent)).not.to.contain('p-clare', 'the sheet names no one');
    expect(hasButton(element, 'Send my answers')).to.equal(false, 'once only');
    await waitForText(element, /1 of \d+ staff answered/);

    await click(button(element, 'Close the survey and show its results'));
    await waitForText(element, 'Fewer than 5 staff answered');
    expect((await store.get('staffSurveys', 'staff-cy-2026'))!.record.status).to.equal('closed');
    expect(textOf(element)).not.to.contain('More time to read outcomes', 'one comment is never shown');
    expect(hasButton(element, 'Open the survey again')).to.equal(true, 'the closed survey can be opened again');
    await accessibleInBothThemes(element, provider);
  });

  it('shows last year’s results beside participation and the year-2 rise in individual projects', async () => {
    const { element, provider } = await open('p-clare', html`<plc-staff-feedback cycle-id="cy-2025"></plc-staff-feedback>`);
    await waitForText(element, 'Change since “Staff feedback on the programme, 2024-25”');
    expect(textOf(element)).to.match(/27 of \d+ staff answered/);
    const change = queryAllDeep(element, '.changes li').map(textOf).find((t) => t.includes('An individual project of my own'))!;
    expect(change).to.contain('A real rise.');
    expect(textOf(element)).to.contain('Working on my own question kept me going all year.');
    expect(textOf(element)).to.contain('This survey has closed.');
    expect(server!.state.asked).to.include('GET /v1/staff-surveys/staff-cy-2025/results');
    await accessibleInBothThemes(element, provider);
  });

  it('a teacher answers but never sees results or the leader’s panel; a second answer is refused by the server', async () => {
    const { element, store } = await open('p-beth');
    expect(textOf(element)).to.contain('There is no staff survey for this cycle yet.');
    await store.put('staffSurveys', { ...(await store.get('staffSurveys', 'staff-cy-2025'))!.record, id: 'staff-cy-2026', cycleId: 'cy-2026', status: 'open' }, 0);
    await waitForText(element, 'Send my answers');
    expect(hasButton(element, 'Close the survey and show its results')).to.equal(false);
    expect(server!.state.asked.some((a) => a.endsWith('/results'))).to.equal(false, 'a teacher never asks for results');
    server!.state.receipts.add('staff-cy-2026/p-beth');
    await click(queryAllDeep<HTMLLabelElement>(element, 'label.option').find((o) => textOf(o) === 'Agree')!);
    await click(button(element, 'Send my answers'));
    await waitForText(element, 'You have answered this survey');
    expect(server!.state.sent).to.deep.equal([]);
  });

  it('speaks Spanish', async () => {
    const { element } = await open('p-beth', html`<plc-staff-feedback cycle-id="cy-2025"></plc-staff-feedback>`, 'es');
    await waitForText(element, 'Opinión del profesorado sobre el programa');
    expect(textOf(element)).to.contain('Esta encuesta está cerrada.');
  });
});
