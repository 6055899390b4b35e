import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { coachingOverview, partnerOf, reciprocalSlots } from '../../src/analysis/coaching.js';
import { verdict, type Actor } from '../../src/policy/policy.js';
import { coachingPairProblems, type CoachingLogEntry, type CoachingPair } from '../../src/schema/coaching.js';
import type { Cycle } from '../../src/schema/directory.js';
import type { FieldProblem } from '../../src/schema/errors.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDate } from '../localization.js';
import { clampLevel, heading } from '../shared/heading.js';
import { sharedStyles } from '../styles/shared.js';
import { coachingPairsStyles } from './plc-coaching-pairs.styles.js';
import { needsProviderText, noCycleText } from '../strings.js';

interface Source {
  cycle: Cycle;
  pairs: CoachingPair[];
  logs: CoachingLogEntry[];
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Peer-coaching pairs of a cycle. A CPD leader, an administrator or a coach pairs two colleagues
 * with reciprocal observation slots (A observes B, B observes A, each with a date) and sees the
 * pairs they may read and who is not paired yet. Each colleague of a pair sees their pair, its
 * slots, and the pair's shared private log, and adds to it; nobody else reads the log, leaders
 * included (docs/privacy.md, coaching-pair and coaching-log). Reads and writes go through the
 * provider's store; what each person sees is the policy's answer, on the device as on the server.
 *
 * @summary A cycle's peer-coaching pairs, their observation slots and the pair's private log.
 * @event plc-error - A pair or a log entry could not be saved.
 * @csspart pairs - The list of pairs.
 * @csspart log - The pair's log.
 * @csspart pair-form - The form that pairs two colleagues.
 * @csspart log-form - The form that adds to the log.
 */
export class PlcCoachingPairs extends PlcElement {
  static override styles = [sharedStyles, coachingPairsStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    problems: { state: true },
    announcement: { state: true },
    saving: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.problems = [];
    this.announcement = '';
    this.saving = false;
  }

  /** The cycle whose pairs to show; defaults to the provider's cycle. */
  declare cycleId: string | undefined;

  /** The level of the element's heading (2 to 6). */
  declare headingLevel: number;

  private declare problems: FieldProblem[];
  private declare announcement: string;
  private declare saving: boolean;

  private readonly source = new StoreQueryController<Source | undefined>(this, () => this.session, {
    key: (session) => {
      const cycle = this.cycleOf(session);
      return cycle && session.person ? JSON.stringify([cycle.id, session.person.id]) : undefined;
    },
    load: (session) => this.load(session),
    affects: (change) => change.kind === 'record' && ['coachingPairs', 'coachingLogs', 'people', 'cycles'].includes(change.collection),
  });

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  private get actor(): Actor | undefined {
    const person = this.session?.person;
    return person ? { kind: 'person', person } : undefined;
  }

  private async load(session: PlcSession): Promise<Source | undefined> {
    const cycle = this.cycleOf(session);
    const actor = this.actor;
    if (!cycle || !actor) return undefined;
    const [pairs, logs] = await Promise.all([session.store.list('coachingPairs'), session.store.list('coachingLogs')]);
    const readable = <R>(collection: 'coachingPairs' | 'coachingLogs', record: R) => verdict(actor, 'record.read', { collection, record }).allowed;
    return {
      cycle,
      pairs: pairs.map((p) => p.record).filter((p) => p.cycleId === cycle.id && readable('coachingPairs', p)),
      logs: logs.map((l) => l.record).filter((l) => readable('coachingLogs', l)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1)),
    };
  }

  /** Whether the signed-in person may pair colleagues. */
  get mayArrange(): boolean {
    const actor = this.actor;
    return actor?.kind === 'person' ? verdict(actor, 'directory.write', { collection: 'coachingPairs', record: { arrangedById: actor.person.id } }).allowed : false;
  }

  private name(id: string): string {
    return this.session?.directory.people.get(id)?.name ?? id;
  }

  private async savePair(form: HTMLFormElement): Promise<void> {
    const session = this.session!;
    const source = this.source.value!;
    const data = new FormData(form);
    const [a, b, first, second, focus] = ['first', 'second', 'first-date', 'second-date', 'focus'].map((k) => String(data.get(k) ?? ''));
    const pair: CoachingPair = { schemaVersion: 1, id: session.newId('cp'), cycleId: source.cycle.id, personIds: [a!, b!], arrangedById: session.person!.id, slots: reciprocalSlots(a!, b!, first!, second!, focus) };
    const missing = (['first', 'second', 'first-date', 'second-date'] as const).filter((k) => !data.get(k)).map((k) => ({ path: k, message: msg('is required', { id: 'coaching.required' }) }));
    this.problems = missing.length ? missing : coachingPairProblems(pair, source.cycle);
    if (this.problems.length) return;
    await this.save(async () => {
      await session.store.put('coachingPairs', pair, 0);
      form.reset();
      this.announcement = msg(str`${this.name(a!)} and ${this.name(b!)} are paired.`, { id: 'coaching.paired' });
    });
  }

  private async saveLog(form: HTMLFormElement, pair: CoachingPair): Promise<void> {
    const session = this.session!;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (!text) {
      this.problems = [{ path: 'text', message: msg('is required', { id: 'coaching.required' }) }];
      return;
    }
    this.problems = [];
    const entry: CoachingLogEntry = { schemaVersion: 1, id: session.newId('cl'), pairId: pair.id, memberIds: [...pair.personIds], authorId: session.person!.id, date: today(), text };
    await this.save(async () => {
      await session.store.put('coachingLogs', entry, 0);
      form.reset();
      this.announcement = msg('Added to your log.', { id: 'coaching.logged' });
    });
  }

  private async save(work: () => Promise<void>): Promise<void> {
    this.saving = true;
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.problems = [{ path: 'form', message }];
      this.dispatchEvent(new PlcErrorEvent(message, error));
    } finally {
      this.saving = false;
    }
  }

  private problemFor(path: string): TemplateResult | typeof nothing {
    // A slot's date is shown at its date field; any other slot problem under the form.
    const at: Record<string, string> = { 'slots.0.date': 'first-date', 'slots.1.date': 'second-date', 'personIds.0': 'first', 'personIds.1': 'second' };
    const found = this.problems.filter((p) => (at[p.path] ?? (p.path.startsWith('slots') ? 'slots' : p.path)) === path);
    return found.length ? html`<p class="field-error" id=${`${path}-error`}>${found.map((p) => p.message).join('; ')}</p>` : nothing;
  }

  private renderSlots(pair: CoachingPair) {
    return html`<ul class="slots">
      ${pair.slots.map(
        (slot) => html`<li>
          ${msg(str`${this.name(slot.observerId)} observes ${this.name(slot.observedId)} on ${formatDate(slot.date)}`, { id: 'coaching.slot' })}${slot.focus ? html` · ${slot.focus}` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private renderPairForm(source: Source) {
    const people = [...(this.session?.directory.people.values() ?? [])].filter((p) => !p.leftOn || p.leftOn > source.cycle.startsOn).sort((x, y) => x.name.localeCompare(y.name));
    const select = (name: string, label: string) => html`<div class="row">
      <label for=${name}>${label}</label>
      <select id=${name} name=${name}>
        <option value="">${msg('Choose a colleague', { id: 'coaching.choose' })}</option>
        ${people.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
      </select>
      ${this.problemFor(name)}
    </div>`;
    const date = (name: string, label: string) => html`<div class="row">
      <label for=${name}>${label}</label>
      <input type="date" id=${name} name=${name} min=${source.cycle.startsOn} max=${source.cycle.endsOn} />
      ${this.problemFor(name)}
    </div>`;
    return html`<form part="pair-form" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.savePair(e.target as HTMLFormElement))} novalidate>
      ${heading(clampLevel(this.headingLevel) + 1, msg('Pair two colleagues', { id: 'coaching.pair-heading' }))}
      ${select('first', msg('First colleague', { id: 'coaching.first' }))} ${select('second', msg('Second colleague', { id: 'coaching.second' }))}
      ${date('first-date', msg('The first observes the second on', { id: 'coaching.first-date' }))}
      ${date('second-date', msg('The second observes the first on', { id: 'coaching.second-date' }))}
      <div class="row">
        <label for="focus">${msg('Focus (optional)', { id: 'coaching.focus' })}</label>
        <input id="focus" name="focus" maxlength="120" />
      </div>
      ${this.problemFor('slots')}${this.problemFor('form')}
      <div><button class="primary" type="submit" ?disabled=${this.saving}>${msg('Pair them', { id: 'coaching.pair' })}</button></div>
    </form>`;
  }

  private renderMine(source: Source, pair: CoachingPair) {
    const me = this.session!.person!.id;
    const entries = source.logs.filter((l) => l.pairId === pair.id);
    return html`<section aria-labelledby="mine-heading">
      ${heading(clampLevel(this.headingLevel) + 1, msg(str`You and ${this.name(partnerOf(pair, me) ?? '')}`, { id: 'coaching.mine' }), { id: 'mine-heading' })}
      ${this.renderSlots(pair)}
      ${heading(clampLevel(this.headingLevel) + 2, msg('Our log (only the two of you read it)', { id: 'coaching.log-heading' }))}
      ${entries.length
        ? html`<ol class="log" part="log">
            ${entries.map((e) => html`<li><p class="muted">${formatDate(e.date)} · ${this.name(e.authorId)}</p><p>${e.text}</p></li>`)}
          </ol>`
        : html`<p class="empty">${msg('Nothing in your log yet.', { id: 'coaching.log-empty' })}</p>`}
      <form part="log-form" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.saveLog(e.target as HTMLFormElement, pair))} novalidate>
        <div class="row">
          <label for=${`text-${pair.id}`}>${msg('What we tried, saw or will do next', { id: 'coaching.text' })}</label>
          <textarea id=${`text-${pair.id}`} name="text" rows="3" maxlength="5000"></textarea>
          ${this.problemFor('text')}
        </div>
        <div><button type="submit" ?disabled=${this.saving}>${msg('Add to our log', { id: 'coaching.add' })}</button></div>
      </form>
    </section>`;
  }

  private renderBody(): TemplateResult {
    const session = this.session;
    if (!session) return this.noSessionNotice(needsProviderText);
    if (!session.ready || this.source.status === 'loading' || this.source.status === 'idle') {
      if (session.ready && !session.person) return html`<p class="notice">${msg('Choose who you are to see your coaching pair.', { id: 'coaching.no-person' })}</p>`;
      return html`<p class="muted" role="status">${msg('Loading the coaching pairs…', { id: 'coaching.loading' })}</p>`;
    }
    if (!session.person) return html`<p class="notice">${msg('Choose who you are to see your coaching pair.', { id: 'coaching.no-person' })}</p>`;
    if (this.source.status === 'error') return html`<p class="notice error" role="alert">${msg(str`The coaching pairs could not be loaded: ${this.source.error ?? ''}`, { id: 'coaching.load-error' })}</p>`;
    const source = this.source.value;
    if (!source) return html`<p class="empty">${noCycleText()}</p>`;
    const me = session.person.id;
    const mine = source.pairs.filter((p) => p.personIds.includes(me));
    const overview = coachingOverview(source.pairs, [...session.directory.people.values()], source.cycle, today());
    const arranged = this.mayArrange;
    return html`${mine.map((pair) => this.renderMine(source, pair))}
      ${!mine.length && !arranged ? html`<p class="empty">${msg('You are not in a coaching pair this cycle.', { id: 'coaching.none-mine' })}</p>` : nothing}
      ${arranged
        ? html`${heading(clampLevel(this.headingLevel) + 1, msg(str`Pairs in ${source.cycle.name}`, { id: 'coaching.pairs-heading' }))}
            ${overview.pairs.length
              ? html`<ul class="pairs" part="pairs">
                  ${overview.pairs.map(
                    ({ pair }) => html`<li><p class="pair-name">${msg(str`${this.name(pair.personIds[0])} and ${this.name(pair.personIds[1])}`, { id: 'coaching.pair-name' })}</p>${this.renderSlots(pair)}</li>`,
                  )}
                </ul>`
              : html`<p class="empty">${msg('No pairs yet in this cycle.', { id: 'coaching.empty' })}</p>`}
            ${overview.unpaired.length ? html`<p class="muted">${msg(str`Not paired yet: ${overview.unpaired.map((p) => p.name).join(', ')}`, { id: 'coaching.unpaired' })}</p>` : nothing}
            ${this.renderPairForm(source)}`
        : nothing}`;
  }

  protected override render() {
    return html`${heading(clampLevel(this.headingLevel), msg('Peer coaching', { id: 'coaching.heading' }), { id: 'coaching-title', focusable: true })}
      ${this.renderBody()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }

  /** Moves keyboard focus to the heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#coaching-title')?.focus();
  }
}
