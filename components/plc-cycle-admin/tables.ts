/**
 * The tables of `<plc-cycle-admin>`'s sections: cycles, themes, communities (of one cycle) and
 * people (searchable), each row with its Edit button.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Community, Cycle, Person, School, Theme } from '../../src/schema/directory.js';
import type { Versioned } from '../../src/store/store.js';
import { formatDate, formatNumber } from '../localization.js';
import type { AdminCollection, AdminRecord } from './drafts.js';
import { cycleStatusLabel, roleLabel, weekdayLabel } from './labels.js';

/** Every programme record, as the element loads them. */
export interface Lists {
  cycles: Array<Versioned<Cycle>>;
  themes: Array<Versioned<Theme>>;
  communities: Array<Versioned<Community>>;
  people: Array<Versioned<Person>>;
  schools: Array<Versioned<School>>;
}

/** What the tables read and do. */
export interface TablesContext {
  /** The cycle whose communities are listed. */
  communityCycle: string;
  /** Words to find people by. */
  personQuery: string;
  personName(id: string): string;
  openEdit(collection: AdminCollection, row: Versioned<AdminRecord>): void;
  setCommunityCycle(cycleId: string): void;
  setPersonQuery(text: string): void;
}

function table(caption: string, head: TemplateResult, body: TemplateResult[], empty: string): TemplateResult {
  if (body.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
    <table part="table" class="records">
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        ${head}
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}

function editButton(ctx: TablesContext, collection: AdminCollection, row: Versioned<AdminRecord>): TemplateResult {
  const name = (row.record as { name: string }).name;
  return html`<td class="actions-cell">
    <button data-edit=${row.record.id} aria-label=${msg(str`Edit ${name}`, { id: 'admin.edit-named' })} @click=${() => ctx.openEdit(collection, row)}>
      ${msg('Edit', { id: 'admin.edit' })}
    </button>
  </td>`;
}

export function cyclesTable(ctx: TablesContext, lists: Lists): TemplateResult {
  const themeName = (id: string) => lists.themes.find((t) => t.record.id === id)?.record.name ?? id;
  const rows = lists.cycles.map(
    (row) => html`<tr>
      <th scope="row">${row.record.name}</th>
      <td class="dates">${msg(str`${formatDate(row.record.startsOn)} to ${formatDate(row.record.endsOn)}`, { id: 'admin.cycle.dates' })}</td>
      <td><span class="badge">${cycleStatusLabel(row.record.status)}</span></td>
      <td class="list">${row.record.themeIds.map(themeName).join(', ')}</td>
      <td class="policy">
        ${msg(str`Observations: ${formatNumber(row.record.policy.minObservations)}; evidence: ${formatNumber(row.record.policy.minEvidence)}`, { id: 'admin.cycle.policy-summary' })}${row.record.policy.studentVoiceRequired
          ? html`; ${msg('student voice', { id: 'admin.cycle.policy-voice' })}`
          : nothing}${row.record.policy.questionReviewRequired ? html`; ${msg('question review', { id: 'admin.cycle.policy-review' })}` : nothing}
      </td>
      ${editButton(ctx, 'cycles', row)}
    </tr>`,
  );
  return table(
    msg('Cycles', { id: 'admin.tab.cycles' }),
    html`<tr>
      <th scope="col">${msg('Name', { id: 'admin.cycle.name' })}</th>
      <th scope="col">${msg('Dates', { id: 'admin.cycle.dates-column' })}</th>
      <th scope="col">${msg('Status', { id: 'admin.cycle.status' })}</th>
      <th scope="col">${msg('Themes offered', { id: 'admin.cycle.themes' })}</th>
      <th scope="col">${msg('Policy', { id: 'admin.cycle.policy-column' })}</th>
      <td></td>
    </tr>`,
    rows,
    msg('No cycles yet. Create the first one: usually the school year.', { id: 'admin.cycle.empty' }),
  );
}

export function themesTable(ctx: TablesContext, lists: Lists): TemplateResult {
  const rows = lists.themes.map(
    (row) => html`<tr>
      <th scope="row">${row.record.name}</th>
      <td class="list">${row.record.aspects.map((a) => a.name).join(', ')}</td>
      <td class="list">${row.record.description ?? ''}</td>
      ${editButton(ctx, 'themes', row)}
    </tr>`,
  );
  return table(
    msg('Themes', { id: 'admin.tab.themes' }),
    html`<tr>
      <th scope="col">${msg('Name', { id: 'admin.theme.name' })}</th>
      <th scope="col">${msg('Aspects of practice', { id: 'admin.theme.aspects' })}</th>
      <th scope="col">${msg('Description', { id: 'admin.theme.description' })}</th>
      <td></td>
    </tr>`,
    rows,
    msg('No themes yet. A theme is an area of practice, such as literacy or oracy.', { id: 'admin.theme.empty' }),
  );
}

export function communitiesTable(ctx: TablesContext, lists: Lists): TemplateResult {
  const cycleId = ctx.communityCycle;
  const shown = cycleId ? lists.communities.filter((c) => c.record.cycleId === cycleId) : lists.communities;
  const themeName = (id: string) => lists.themes.find((t) => t.record.id === id)?.record.name ?? id;
  const cycleName = (id: string) => lists.cycles.find((c) => c.record.id === id)?.record.name ?? id;
  const rows = shown.map((row) => {
    const c = row.record;
    return html`<tr>
      <th scope="row">${c.name}</th>
      <td>${cycleName(c.cycleId)}</td>
      <td>${themeName(c.themeId)}</td>
      <td>${ctx.personName(c.leadId)}</td>
      <td class="list">${c.memberIds.map((id) => ctx.personName(id)).join(', ')}</td>
      <td class="list">${c.meetingSlots.map((s) => `${weekdayLabel(s.weekday)} ${s.start}${s.location ? `, ${s.location}` : ''}`).join('; ')}</td>
      ${editButton(ctx, 'communities', row)}
    </tr>`;
  });
  return html`<div class="tools">
      <div class="field">
        <label for="ca-community-cycle">${msg('Cycle', { id: 'admin.community.cycle' })}</label>
        <select id="ca-community-cycle" @change=${(e: Event) => ctx.setCommunityCycle((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${cycleId === ''}>${msg('All cycles', { id: 'admin.community.all-cycles' })}</option>
          ${lists.cycles.map((c) => html`<option value=${c.record.id} ?selected=${c.record.id === cycleId}>${c.record.name}</option>`)}
        </select>
      </div>
    </div>
    ${table(
      msg('Communities', { id: 'admin.tab.communities' }),
      html`<tr>
        <th scope="col">${msg('Name', { id: 'admin.community.name' })}</th>
        <th scope="col">${msg('Cycle', { id: 'admin.community.cycle' })}</th>
        <th scope="col">${msg('Theme', { id: 'admin.community.theme' })}</th>
        <th scope="col">${msg('Lead', { id: 'admin.community.lead' })}</th>
        <th scope="col">${msg('Members', { id: 'admin.community.members' })}</th>
        <th scope="col">${msg('Meets', { id: 'admin.community.meets' })}</th>
        <td></td>
      </tr>`,
      rows,
      msg('No communities in this cycle yet.', { id: 'admin.community.empty' }),
    )}`;
}

export function peopleTable(ctx: TablesContext, lists: Lists): TemplateResult {
  const query = ctx.personQuery.trim().toLowerCase();
  const shown = query ? lists.people.filter((p) => p.record.name.toLowerCase().includes(query) || (p.record.email ?? '').toLowerCase().includes(query)) : lists.people;
  const schoolName = (id: string) => lists.schools.find((s) => s.record.id === id)?.record.name ?? id;
  const rows = shown.map((row) => {
    const p = row.record;
    return html`<tr>
      <th scope="row">${p.name}</th>
      <td>${p.email ?? ''}</td>
      <td>${schoolName(p.schoolId)}</td>
      <td>${p.roles.map(roleLabel).join(', ')}${p.newStaff ? html` <span class="badge">${msg('New staff', { id: 'admin.person.new-badge' })}</span>` : nothing}</td>
      <td>${p.lineManagerId ? ctx.personName(p.lineManagerId) : ''}</td>
      ${editButton(ctx, 'people', row)}
    </tr>`;
  });
  return html`<div class="tools">
      <div class="field">
        <label for="ca-person-query">${msg('Find a person', { id: 'admin.person.find' })}</label>
        <input id="ca-person-query" type="search" .value=${ctx.personQuery} @input=${(e: Event) => (ctx.setPersonQuery((e.target as HTMLInputElement).value))} />
      </div>
      <p class="muted" aria-live="polite">${msg(str`${formatNumber(shown.length)} of ${formatNumber(lists.people.length)} people`, { id: 'admin.person.count' })}</p>
    </div>
    ${table(
      msg('People', { id: 'admin.tab.people' }),
      html`<tr>
        <th scope="col">${msg('Name', { id: 'admin.person.name' })}</th>
        <th scope="col">${msg('Email', { id: 'admin.person.email' })}</th>
        <th scope="col">${msg('School', { id: 'admin.person.school' })}</th>
        <th scope="col">${msg('Roles', { id: 'admin.person.roles' })}</th>
        <th scope="col">${msg('Line manager', { id: 'admin.person.line-manager' })}</th>
        <td></td>
      </tr>`,
      rows,
      query ? msg('Nobody matches.', { id: 'admin.no-match' }) : msg('No people yet. Add them one by one or import a staff list (Import and export).', { id: 'admin.person.empty' }),
    )}`;
}

/** Each section's table. */
export const tables: Record<AdminCollection, (ctx: TablesContext, lists: Lists) => TemplateResult> = {
  cycles: cyclesTable,
  themes: themesTable,
  communities: communitiesTable,
  people: peopleTable,
};
