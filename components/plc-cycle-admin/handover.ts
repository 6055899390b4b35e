/**
 * The handover screen of `<plc-cycle-admin>`: a PLC's lead, or the CPD leader role, handed to a
 * colleague mid-year. The store records who led until when (`pastLeads`, `pastRoles`), so every
 * question the previous lead reviewed stays reviewed and the history does not change; the screen
 * says so before anything is written, and writes at the version it read.
 * @internal
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Community, Person } from '../../src/schema/directory.js';
import { StoreError, type Store, type Versioned } from '../../src/store/store.js';
import { formatDate } from '../localization.js';
import { heading } from '../shared/heading.js';
import type { Lists } from './tables.js';

/** What is handed over. */
export type HandoverKind = 'community' | 'cpd';

/** The handover form's state and its one write. */
export class Handover {
  kind: HandoverKind = 'community';
  communityId = '';
  fromId = '';
  toId = '';
  keepAsMember = true;
  busy = false;
  error = '';
  done = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => Store | undefined,
  ) {}

  set(change: Partial<Pick<Handover, 'kind' | 'communityId' | 'fromId' | 'toId' | 'keepAsMember'>>): void {
    Object.assign(this, change, { error: '', done: '' });
    this.host.requestUpdate();
  }

  /** Writes the handover; the message to show, or an error. */
  async run(lists: Lists, today: string): Promise<boolean> {
    const store = this.store();
    if (!store || this.busy) return false;
    const person = (id: string) => lists.people.find((p) => p.record.id === id);
    const to = person(this.toId);
    if (!to) {
      this.error = msg('Choose who takes over.', { id: 'admin.handover.error.to' });
      this.host.requestUpdate();
      return false;
    }
    this.busy = true;
    this.host.requestUpdate();
    try {
      if (this.kind === 'community') {
        const community = lists.communities.find((c) => c.record.id === this.communityId);
        if (!community) throw new Error(msg('Choose a community.', { id: 'admin.handover.error.community' }));
        const from = person(community.record.leadId);
        await store.put('communities', handedOver(community.record, to.record.id, this.keepAsMember), community.version);
        const [name, toName, fromName, date] = [community.record.name, to.record.name, from?.record.name ?? community.record.leadId, formatDate(today)];
        this.done = msg(str`${name} is now led by ${toName}. ${fromName} led it until ${date}; the questions they reviewed stay reviewed.`, { id: 'admin.handover.done.community' });
      } else {
        const from = person(this.fromId);
        if (!from) throw new Error(msg('Choose who hands over.', { id: 'admin.handover.error.from' }));
        if (from.record.id === to.record.id) throw new Error(msg('Choose someone else to take over.', { id: 'admin.handover.error.same' }));
        await store.put('people', withRole(to.record, true), to.version);
        await store.put('people', withRole(from.record, false), from.version);
        const [toName, fromName, date] = [to.record.name, from.record.name, formatDate(today)];
        this.done = msg(str`${toName} is now a CPD leader. ${fromName} was one until ${date}; the steps they took stay as they were.`, { id: 'admin.handover.done.cpd' });
      }
      this.toId = '';
      this.fromId = '';
      return true;
    } catch (error) {
      this.error =
        error instanceof StoreError && error.code === 'stale'
          ? msg('Someone changed these records meanwhile: check the choice and hand over again.', { id: 'admin.handover.error.stale' })
          : error instanceof Error
            ? error.message
            : String(error);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

/** The community led by `leadId`; the previous lead stays a member unless `keepAsMember` is false. */
export function handedOver(community: Community, leadId: string, keepAsMember: boolean): Community {
  const previous = community.leadId;
  const members = community.memberIds.filter((id) => keepAsMember || id !== previous);
  if (!members.includes(leadId)) members.push(leadId);
  if (keepAsMember && !members.includes(previous)) members.push(previous);
  return { ...community, leadId, memberIds: members };
}

/** The person with the CPD leader role added or removed (a teacher still, when it was their only role). */
export function withRole(person: Person, cpd: boolean): Person {
  const others = person.roles.filter((role) => role !== 'cpd-leader');
  const roles = cpd ? [...others, 'cpd-leader' as const] : others.length > 0 ? others : ['teacher' as const];
  return { ...person, roles };
}

const option = (value: string, label: string, selected: string) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`;

/** The handover screen. `today` is the date the handover takes effect (shown, and written as the past lead's end). */
export function handoverView(handover: Handover, lists: Lists, level: number, run: () => void): TemplateResult {
  const staff = lists.people.filter((p) => !p.record.leftOn).map((p) => p.record);
  const cycle = lists.cycles.find((c) => c.record.status === 'active') ?? lists.cycles[0];
  const communities = lists.communities.filter((c) => !cycle || c.record.cycleId === cycle.record.id);
  const community: Versioned<Community> | undefined = communities.find((c) => c.record.id === handover.communityId);
  const lead = community && lists.people.find((p) => p.record.id === community.record.leadId)?.record;
  const cpdLeaders = staff.filter((p) => p.roles.includes('cpd-leader'));
  const candidates = handover.kind === 'community' ? staff.filter((p) => p.id !== community?.record.leadId) : staff.filter((p) => !p.roles.includes('cpd-leader'));
  const onSubmit = (e: Event) => {
    e.preventDefault();
    run();
  };
  return html`${heading(level, html`${msg('Hand over a role', { id: 'admin.handover.title' })}`, { className: 'panel-title', focusable: true, id: 'ca-panel-title' })}
    <p class="hint">
      ${msg('When a PLC lead or a CPD leader hands over during the year, the past stays as it was: questions they reviewed stay reviewed, and the history shows who did what.', { id: 'admin.handover.intro' })}
    </p>
    <form class="card handover" part="handover" novalidate @submit=${onSubmit}>
      <fieldset class="choice">
        <legend>${msg('What is handed over', { id: 'admin.handover.what' })}</legend>
        ${(['community', 'cpd'] as const).map(
          (kind) => html`<div class="check">
            <input type="radio" name="ho-kind" id="ho-kind-${kind}" .checked=${handover.kind === kind} @change=${() => handover.set({ kind, toId: '' })} />
            <label for="ho-kind-${kind}">${kind === 'community' ? msg('The lead of a PLC', { id: 'admin.handover.kind.community' }) : msg('The CPD leader role', { id: 'admin.handover.kind.cpd' })}</label>
          </div>`,
        )}
      </fieldset>
      ${handover.kind === 'community'
        ? html`<div class="field">
              <label for="ho-community">${msg('Community', { id: 'admin.handover.community' })}</label>
              <select id="ho-community" @change=${(e: Event) => handover.set({ communityId: (e.target as HTMLSelectElement).value, toId: '' })}>
                ${option('', msg('Choose…', { id: 'admin.handover.choose' }), handover.communityId)}
                ${communities.map((c) => option(c.record.id, c.record.name, handover.communityId))}
              </select>
            </div>
            ${lead ? html`<p>${msg(str`Led now by ${lead.name}.`, { id: 'admin.handover.current' })}</p>` : nothing}`
        : html`<div class="field">
            <label for="ho-from">${msg('Who hands over', { id: 'admin.handover.from' })}</label>
            <select id="ho-from" @change=${(e: Event) => handover.set({ fromId: (e.target as HTMLSelectElement).value })}>
              ${option('', msg('Choose…', { id: 'admin.handover.choose' }), handover.fromId)} ${cpdLeaders.map((p) => option(p.id, p.name, handover.fromId))}
            </select>
          </div>`}
      <div class="field">
        <label for="ho-to">${msg('Who takes over', { id: 'admin.handover.to' })}</label>
        <select id="ho-to" @change=${(e: Event) => handover.set({ toId: (e.target as HTMLSelectElement).value })}>
          ${option('', msg('Choose…', { id: 'admin.handover.choose' }), handover.toId)} ${candidates.map((p) => option(p.id, p.name, handover.toId))}
        </select>
      </div>
      ${handover.kind === 'community'
        ? html`<div class="check">
            <input type="checkbox" id="ho-keep" .checked=${handover.keepAsMember} @change=${(e: Event) => handover.set({ keepAsMember: (e.target as HTMLInputElement).checked })} />
            <label for="ho-keep">${msg('The previous lead stays a member', { id: 'admin.handover.keep' })}</label>
          </div>`
        : nothing}
      ${handover.error ? html`<p class="notice error" role="alert">${handover.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${handover.busy}>${msg('Hand over', { id: 'admin.handover.submit' })}</button>
      </div>
    </form>
    ${handover.done ? html`<p class="notice success" role="status">${handover.done}</p>` : nothing}
    ${community?.record.pastLeads?.length
      ? html`<p class="muted">
          ${msg('Earlier leads:', { id: 'admin.handover.past' })}
          ${community.record.pastLeads
            .map((past) => `${lists.people.find((p) => p.record.id === past.personId)?.record.name ?? past.personId} (${formatDate(past.until)})`)
            .join(', ')}
        </p>`
      : nothing}`;
}
