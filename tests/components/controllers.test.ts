/**
 * The controllers the elements share (components/controllers/), on small host elements of their
 * own inside a real provider: what an enquiry element may show and who may do what, taking a
 * person's steps (saved, refused, failed), the survey data following the store, and chart widths.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { PlcElement } from '../../components/base/plc-element.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { EnquiryController } from '../../components/controllers/enquiry-controller.js';
import { StepController } from '../../components/controllers/step-controller.js';
import { SurveyDataController } from '../../components/controllers/survey-data.js';
import { StoreQueryController } from '../../components/controllers/store-query.js';
import { RecordEditorController } from '../../components/controllers/record-editor.js';
import { conflictView } from '../../components/shared/conflict-view.js';
import type { Theme } from '../../src/schema/directory.js';
import type { PlcErrorEvent } from '../../components/events/error.js';
import { WidthController } from '../../components/controllers/width-controller.js';
import { enquiryStateNotice } from '../../components/shared/state-notice.js';
import { click, deepActiveElement, renderWithSession, type SessionOptions } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';
import { ENQUIRY, feedbackSurvey } from '../support/survey-harness.js';
import { storeFailingOn, storeHangingOn } from '../support/store-faults.js';

/** An enquiry element in miniature: the problem notice, the status line and one button. */
class EnquiryHost extends PlcElement {
  @property({ attribute: 'enquiry-id' }) accessor enquiryId: string | undefined;
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  readonly steps = new StepController(this, this.enquiry, 'host-problem');
  readonly surveys = new SurveyDataController(this, () => this.session, () => ({ enquiryId: this.enquiryId, responses: true }));

  protected override render() {
    const notice = enquiryStateNotice(this.enquiry, {
      loading: () => 'Loading',
      'no-enquiry': () => 'No enquiry',
      'signed-out': () => 'Signed out',
      missing: () => 'Missing',
      error: (error) => `Failed: ${error}`,
    });
    return html`${notice ?? nothing}${this.steps.renderProblem()}
      <p role="status">${this.steps.announcement}</p>
      <button type="button" ?disabled=${this.steps.busy}>Save</button>`;
  }
}
customElements.define('test-enquiry-host', EnquiryHost);

async function renderHost(enquiryId: string | undefined, options: SessionOptions = {}): Promise<EnquiryHost> {
  const template = enquiryId === undefined ? html`<test-enquiry-host></test-enquiry-host>` : html`<test-enquiry-host enquiry-id=${enquiryId}></test-enquiry-host>`;
  const { element } = await renderWithSession<EnquiryHost>(template, options);
  await element.loaded;
  return element;
}

const shown = (host: Element) => (host.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Beth's observation of Chen, as the observation form records it. */
const observation = () => ({
  id: `obs-${Math.random().toString(36).slice(2, 8)}`,
  observerId: 'p-beth',
  observedId: 'p-chen',
  className: '9X2',
  date: '2026-11-02',
  focus: 'How students use written feedback',
  strengths: 'Students redrafted after reading the comments.',
  wonderings: '',
  nextSteps: '',
  sharedWith: [],
});

describe('EnquiryController', () => {
  it('says why the enquiry cannot be shown yet, then that it can', async () => {
    expect((await renderHost(undefined)).enquiry.view).to.equal('no-enquiry');
    const signedOut = await renderHost(ENQUIRY, { personId: '' });
    expect(signedOut.enquiry.view).to.equal('signed-out');
    expect(shown(signedOut)).to.contain('Signed out');
    expect((await renderHost('enq-nowhere')).enquiry.view).to.equal('missing');

    // Not through the harness: it waits for the enquiry to load.
    const provider = await fixture<PlcProvider>(
      html`<plc-provider .store=${storeHangingOn('readLog')} person-id="p-beth"><test-enquiry-host enquiry-id=${ENQUIRY}></test-enquiry-host></plc-provider>`,
    );
    await provider.ready;
    const loading = provider.querySelector<EnquiryHost>('test-enquiry-host')!;
    await loading.updateComplete;
    expect(loading.enquiry.view).to.equal('loading');
    expect(shown(loading)).to.contain('Loading');

    const broken = storeFailingOn('readLog');
    const failed = await renderHost(ENQUIRY, { store: broken.store });
    expect(failed.enquiry.view).to.equal('error');
    expect(shown(failed)).to.contain('Failed: disk on fire');
    expect(failed.shadowRoot!.querySelector('[part="state"]')!.getAttribute('role')).to.equal('alert');
    broken.failing = false;
    await failed.enquiry.reload();
    expect(failed.enquiry.view).to.equal('ready');
    expect(failed.enquiry.details?.title).to.equal('Engaging with written feedback');
  });

  it('knows the community, the members and what the signed-in person may append', async () => {
    const beth = await renderHost(ENQUIRY, { personId: 'p-beth' });
    expect(beth.enquiry.actor).to.deep.include({ kind: 'person' });
    expect(beth.enquiry.community?.id).to.equal('com-feedback');
    const members = beth.enquiry.memberIds();
    for (const id of ['p-amir', 'p-beth', 'p-chen']) expect(members.has(id), id).to.equal(true);
    expect(members.has('p-jade')).to.equal(false);
    expect(beth.enquiry.may('observation.record')).to.equal(true);

    const jade = await renderHost(ENQUIRY, { personId: 'p-jade' });
    expect(jade.enquiry.may('observation.record')).to.equal(false);

    const nobody = await renderHost(ENQUIRY, { personId: '' });
    expect(nobody.enquiry.actor).to.equal(undefined);
    expect(nobody.enquiry.may('observation.record')).to.equal(false);
  });
});

describe('StepController', () => {
  it('takes one step at a time, busy meanwhile, and announces what was saved', async () => {
    const host = await renderHost(ENQUIRY, { personId: 'p-beth' });
    const taking = host.steps.take('observation.record', observation(), () => 'not saved');
    expect(host.steps.busy).to.equal(true);
    expect(await host.steps.take('observation.record', observation(), () => 'not saved')).to.equal(undefined);
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('button')!.disabled).to.equal(true);
    const result = await taking;
    expect(result?.ok).to.equal(true);
    expect(host.steps.busy).to.equal(false);
    expect(host.enquiry.state!.data.observations).to.have.length(1);
    host.steps.announce('Observation saved.');
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Observation saved.');
    expect(host.shadowRoot!.querySelector('button')!.disabled).to.equal(false);
    await expect(host).to.be.accessible();
  });

  it("shows a refusal's reason and moves focus to it; the person's words are still saved", async () => {
    const host = await renderHost(ENQUIRY, { personId: 'p-beth' });
    const result = await host.steps.take('reflection.save', { whatWorked: 'Questions as feedback', whatDidNot: '', nextSteps: '' }, () => 'not saved');
    expect(result && !result.ok && result.refusal?.code).to.equal('not-in-stage');
    const problem = host.shadowRoot!.getElementById('host-problem')!;
    expect(problem.getAttribute('role')).to.equal('alert');
    expect(problem.textContent!.trim()).to.not.equal('');
    expect(deepActiveElement()).to.equal(problem);
    expect(host.enquiry.log.some((e) => e.type === 'reflection.save')).to.equal(true);
    await expect(host).to.be.accessible();
    host.steps.clear();
    await host.updateComplete;
    expect(host.shadowRoot!.getElementById('host-problem')).to.equal(null);
  });

  it('says a step could not be saved, in the editor’s words, when the store fails', async () => {
    const faulty = storeFailingOn('append');
    faulty.failing = false;
    const host = await renderHost(ENQUIRY, { personId: 'p-beth', store: faulty.store });
    faulty.failing = true;
    const result = await host.steps.take('observation.record', observation(), (error) => `The observation could not be saved (${error}).`);
    expect(result).to.deep.equal({ ok: false, error: 'disk on fire' });
    expect(host.steps.problem).to.equal('The observation could not be saved (disk on fire).');
    expect(deepActiveElement()?.id).to.equal('host-problem');
    expect(host.enquiry.state!.data.observations).to.have.length(0);
  });
});

describe('SurveyDataController', () => {
  it('loads again at once when a survey is saved, so one await sees it', async () => {
    const { element: host, store } = await renderWithSession<EnquiryHost>(html`<test-enquiry-host enquiry-id=${ENQUIRY}></test-enquiry-host>`, { personId: 'p-beth' });
    await host.surveys.loaded;
    expect(host.surveys.status).to.equal('ready');
    expect(host.surveys.surveys).to.have.length(0);
    await store.put('surveys', feedbackSurvey({ id: 'sv-new' }), 0);
    await host.surveys.loaded;
    expect(host.surveys.surveys.map((s) => s.record.id)).to.deep.equal(['sv-new']);
    expect(host.surveys.survey).to.equal(undefined);
  });
});

/** A leaders' element in miniature: one store query that waits a moment after each change. */
class QueryHost extends PlcElement {
  readonly surveys = new StoreQueryController(this, () => this.session, {
    key: (session) => session.person?.id,
    load: async (session) => (await session.store.list('surveys')).map((row) => row.record.id),
    affects: (change) => change.kind === 'record' && change.collection === 'surveys',
    delay: 80,
  });
  protected override render() {
    return html`<p>${this.surveys.status}: ${(this.surveys.value ?? []).join(', ')}</p>`;
  }
}
customElements.define('test-query-host', QueryHost);

describe('the loaded contract', () => {
  it('element.loaded waits for a reload still waiting out its delay after a change, then for the render', async () => {
    const { element: host, store } = await renderWithSession<QueryHost>(html`<test-query-host></test-query-host>`, { personId: 'p-beth' });
    expect(shown(host)).to.equal('ready:');
    await store.put('surveys', feedbackSurvey({ id: 'sv-late' }), 0);
    expect(shown(host), 'nothing reloaded yet').to.equal('ready:');
    await host.loaded;
    expect(shown(host)).to.equal('ready: sv-late');
  });

  it('a failed load says why and fires plc-error on the element', async () => {
    const broken = storeFailingOn('list');
    broken.failing = false;
    const errors: string[] = [];
    const { element: host } = await renderWithSession<QueryHost>(html`<test-query-host @plc-error=${(e: PlcErrorEvent) => errors.push(e.message)}></test-query-host>`, {
      personId: 'p-beth',
      store: broken.store,
    });
    broken.failing = true;
    await host.surveys.reload();
    await host.loaded;
    expect(host.surveys.status).to.equal('error');
    expect(host.surveys.error).to.equal('disk on fire');
    expect(errors).to.include('disk on fire');
  });
});

/** A record editor in miniature: a theme's name and description, with the conflict view. */
class ThemeEditorHost extends PlcElement {
  readonly editor = new RecordEditorController<Theme, { name: string; description: string }>(this, () => this.session, {
    collection: 'themes',
    draftOf: (theme) => ({ name: theme?.name ?? '', description: theme?.description ?? '' }),
    recordOf: (draft, base) =>
      draft.name.trim()
        ? { record: { schemaVersion: 1, id: base?.id ?? 'th-new', aspects: [], ...base, name: draft.name.trim(), description: draft.description } }
        : { errors: { name: 'Give the theme a name.' } },
    fieldLabels: () => ({ name: 'Name', description: 'Description' }),
  });
  protected override render() {
    const draft = this.editor.draft;
    if (!draft) return html`<p>${this.editor.status}</p>`;
    return html`<label for="name">Name</label>
      <input id="name" .value=${draft.name} @input=${(e: Event) => this.editor.update({ name: (e.target as HTMLInputElement).value })} />
      ${this.editor.errors['name'] ? html`<p>${this.editor.errors['name']}</p>` : nothing}
      ${conflictView(this.editor, { keepMine: () => this.editor.save({ overTheirs: true }), takeTheirs: () => this.editor.takeTheirs() })}`;
  }
}
customElements.define('test-theme-editor', ThemeEditorHost);

describe('RecordEditorController', () => {
  const renderEditor = async () => {
    const result = await renderWithSession<ThemeEditorHost>(html`<test-theme-editor></test-theme-editor>`, { personId: 'p-clare' });
    expect(await result.element.editor.load('th-afl')).to.equal('open');
    await result.element.loaded;
    return result;
  };

  it('saves at the version the draft started from, and says when a save is refused by the form', async () => {
    const { element: host, store } = await renderEditor();
    expect([host.editor.version, host.editor.dirty]).to.deep.equal([1, false]);
    host.editor.update({ name: '   ' });
    expect(await host.editor.save()).to.deep.equal({ ok: false, reason: 'invalid' });
    expect(host.editor.errors).to.deep.equal({ name: 'Give the theme a name.' });
    host.editor.update({ name: ' Feedback first ' });
    expect(host.editor.dirty).to.equal(true);
    const result = await host.editor.save();
    expect(result.ok && result.saved.version).to.equal(2);
    // The draft is the record as stored (trimmed), and clean.
    expect([host.editor.draft!.name, host.editor.dirty, host.editor.errors]).to.deep.equal(['Feedback first', false, {}]);
    expect((await store.get('themes', 'th-afl'))!.record.name).to.equal('Feedback first');
  });

  it('keeps what is typed while a save is under way, and writes it with the next save; saves asked for together write once', async () => {
    const { element: host, store } = await renderEditor();
    host.editor.update({ name: 'One' });
    // Typing goes on while the store writes "One".
    const unsubscribe = store.subscribe(() => {
      unsubscribe();
      host.editor.update({ name: 'Two' });
    });
    const first = await host.editor.save();
    expect(first.ok && [first.saved.version, first.saved.record.name]).to.deep.equal([2, 'One']);
    expect([host.editor.draft!.name, host.editor.dirty]).to.deep.equal(['Two', true]);
    const second = await host.editor.save();
    expect(second.ok && second.saved.version).to.equal(3);
    expect((await store.get('themes', 'th-afl'))!.record.name).to.equal('Two');

    host.editor.update({ name: 'Three' });
    const both = await Promise.all([host.editor.save(), host.editor.save()]);
    expect(both.map((r) => r.ok && r.saved.version)).to.deep.equal([4, 4]);
    expect(host.editor.dirty).to.equal(false);
  });

  it('keeps the draft when someone else saved first, names what they changed, and keeps mine or takes theirs', async () => {
    const { element: host, store } = await renderEditor();
    host.editor.update({ name: 'Mine' });
    const current = (await store.get('themes', 'th-afl'))!;
    await store.put('themes', { ...current.record, name: 'Theirs', description: 'Their words' }, current.version);
    expect(await host.editor.save()).to.deep.equal({ ok: false, reason: 'conflict' });
    await host.updateComplete;
    expect(host.editor.draft!.name).to.equal('Mine');
    expect(host.editor.conflict!.changed).to.deep.equal(['name', 'description']);
    expect(shown(host)).to.contain('Someone else saved this while you were editing it.');
    expect(shown(host)).to.contain('Name YoursMine TheirsTheirs Use theirs for “Name”');
    expect(shown(host)).to.contain('Description Yours(empty) TheirsTheir words Use theirs for “Description” Nothing was saved.');
    expect([...host.shadowRoot!.querySelectorAll('[part="conflict"] li')].map((li) => li.getAttribute('data-field'))).to.deep.equal(['name', 'description']);
    await expect(host).to.be.accessible();
    // A second save without choosing is refused: nothing is overwritten unseen.
    expect(await host.editor.save()).to.deep.equal({ ok: false, reason: 'conflict' });

    await click(host.shadowRoot!.querySelector<HTMLButtonElement>('[part="conflict"] button.primary')!);
    await host.loaded;
    const stored = (await store.get('themes', 'th-afl'))!;
    expect([stored.version, stored.record.name]).to.deep.equal([3, 'Mine']);
    expect(host.editor.conflict).to.equal(undefined);

    host.editor.update({ name: 'Mine again' });
    await store.put('themes', { ...stored.record, name: 'Theirs again' }, stored.version);
    expect((await host.editor.save()).ok).to.equal(false);
    host.editor.takeTheirs();
    expect([host.editor.draft!.name, host.editor.version, host.editor.dirty]).to.deep.equal(['Theirs again', 4, false]);
  });

  it('takes a colleague’s newer version as it arrives while the draft is clean, never over unsaved changes', async () => {
    const { element: host, store } = await renderEditor();
    const current = (await store.get('themes', 'th-afl'))!;
    await store.put('themes', { ...current.record, name: 'Renamed elsewhere' }, current.version);
    await waitFor(() => host.editor.draft?.name === 'Renamed elsewhere', 2000, 'their version');
    host.editor.update({ name: 'Typing' });
    await store.put('themes', { ...current.record, name: 'Renamed again' }, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([host.editor.draft!.name, host.editor.version]).to.deep.equal(['Typing', 2]);
  });

  it('says when a record is missing, and opens it when it arrives (a sync)', async () => {
    const { element: host, store } = await renderWithSession<ThemeEditorHost>(html`<test-theme-editor></test-theme-editor>`, { personId: 'p-clare' });
    expect(await host.editor.load('th-later')).to.equal('missing');
    await store.put('themes', { schemaVersion: 1, id: 'th-later', name: 'Arrived', aspects: [] }, 0);
    await waitFor(() => host.editor.draft?.name === 'Arrived', 2000, 'the record');
  });
});

/** A chart element in miniature: measures itself, or the card it draws in. */
class WidthHost extends LitElement {
  @property({ attribute: 'card-width' }) accessor cardWidth: string | undefined;
  @property({ type: Number }) accessor version = 0;
  readonly own = new WidthController(this, 640);
  readonly card = new WidthController(this, 480, () => this.renderRoot.querySelector('.card'));

  protected override render() {
    // A new card each version, as a view that swaps its card for another.
    return this.cardWidth ? [this.version].map(() => html`<div class="card" style=${`width: ${this.cardWidth}`}></div>`) : nothing;
  }
}
customElements.define('test-width-host', WidthHost);

describe('WidthController', () => {
  it('follows the width of the host, and of a card in it even when the card is replaced', async () => {
    const host = await fixture<WidthHost>(html`<test-width-host style="display: block; width: 300px" card-width="200px"></test-width-host>`);
    expect([host.own.width, host.card.width]).to.deep.equal([640, 480]);
    // Each test page has a window of its own (web-test-runner.config.js), so it is never a hidden
    // background tab, where Chromium would measure nothing.
    const widths = (own: number, card: number) => waitFor(() => host.own.width === own && host.card.width === card, 4000, `widths ${own} and ${card}`);
    await widths(300, 200);
    host.style.width = '520px';
    host.cardWidth = '260px';
    host.version += 1;
    await widths(520, 260);
  });
});
