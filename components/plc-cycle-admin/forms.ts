/**
 * The four forms of `plc-cycle-admin` (cycle, theme, community, person) as templates over a
 * draft. Every control has a visible label; errors are tied to their control with
 * `aria-describedby`; lists of people scroll inside a box with a filter.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Cycle, Person, School, StaffRole, Theme } from '../../src/schema/directory.js';
import { NEW_SLOT, type CommunityDraft, type CycleDraft, type Draft, type FieldErrors, type PersonDraft, type SlotDraft, type ThemeDraft } from './drafts.js';
import { cycleStatusLabel, roleLabel, weekdayLabel } from './labels.js';
import { formatNumber } from '../localization.js';

/** What a form reads and how it changes the draft. */
export interface FormContext<D extends Draft = Draft> {
  draft: D;
  errors: FieldErrors;
  update(patch: Partial<D>): void;
  cycles: readonly Cycle[];
  themes: readonly Theme[];
  people: readonly Person[];
  schools: readonly School[];
  /** The id of the record being edited (undefined for a new one). */
  editingId: string | undefined;
  /** Text filtering the lists of people, by list key. */
  filters: Readonly<Record<string, string>>;
  setFilter(key: string, text: string): void;
}

const ROLES: StaffRole[] = ['teacher', 'cpd-leader', 'coach', 'admin'];
const STATUSES: Array<Cycle['status']> = ['planning', 'active', 'closed'];

const controlId = (key: string) => `ca-f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const optional = () => html` <span class="muted">${msg('(optional)', { id: 'admin.optional' })}</span>`;

function described(id: string, hint: boolean, error: string | undefined): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

const errorText = (id: string, error: string | undefined) => (error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing);

interface InputOptions {
  type?: string;
  hint?: string;
  optional?: boolean;
  maxlength?: number;
  min?: number;
  max?: number;
  autocomplete?: string;
  label?: TemplateResult | string;
}

function input(ctx: FormContext, key: string, label: string, value: string, set: (value: string) => void, options: InputOptions = {}) {
  const id = controlId(key);
  const error = ctx.errors[key];
  const type = options.type ?? 'text';
  const numeric = type === 'number';
  return html`<div class="field">
    <label for=${id}>${label}${options.optional ? optional() : nothing}</label>
    ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
    <input
      id=${id}
      type=${type}
      .value=${value}
      maxlength=${numeric || type === 'date' || type === 'time' ? nothing : (options.maxlength ?? 200)}
      min=${options.min ?? nothing}
      max=${options.max ?? nothing}
      step=${numeric ? '1' : nothing}
      inputmode=${numeric ? 'numeric' : nothing}
      autocomplete=${options.autocomplete ?? 'off'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described(id, Boolean(options.hint), error)}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
    />
    ${errorText(id, error)}
  </div>`;
}

function select(
  ctx: FormContext,
  key: string,
  label: string,
  value: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  set: (value: string) => void,
  extra: { empty?: string; hint?: string } = {},
) {
  const id = controlId(key);
  const error = ctx.errors[key];
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${extra.hint ? html`<span class="hint" id="${id}-hint">${extra.hint}</span>` : nothing}
    <select
      id=${id}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described(id, Boolean(extra.hint), error)}
      @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}
    >
      ${extra.empty !== undefined ? html`<option value="" ?selected=${value === ''}>${extra.empty}</option>` : nothing}
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>
    ${errorText(id, error)}
  </div>`;
}

function checkbox(key: string, label: string, checked: boolean, set: (checked: boolean) => void, hint?: string) {
  const id = controlId(key);
  return html`<div class="field">
    <div class="check">
      <input id=${id} type="checkbox" .checked=${checked} aria-describedby=${hint ? `${id}-hint` : nothing} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
      <label for=${id}>${label}</label>
    </div>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
  </div>`;
}

/** A fieldset of checkboxes; with many options, a filter and a scrolling box. */
function checkList(
  ctx: FormContext,
  key: string,
  legend: string,
  options: ReadonlyArray<{ value: string; label: string; detail?: string }>,
  selected: readonly string[],
  set: (values: string[]) => void,
  extra: { hint?: string } = {},
) {
  const id = controlId(key);
  const error = ctx.errors[key];
  // A filter and a scrolling box only where the list is long (a school's whole staff).
  const many = options.length > 24;
  const filter = (ctx.filters[key] ?? '').trim().toLowerCase();
  const shown = filter ? options.filter((o) => o.label.toLowerCase().includes(filter) || selected.includes(o.value)) : options;
  const toggle = (value: string, on: boolean) => set(on ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  return html`<fieldset id=${id} aria-describedby=${described(id, Boolean(extra.hint), error)} data-invalid=${error ? 'true' : nothing}>
    <legend>${legend} <span class="muted">(${msg(str`${formatNumber(selected.length)} chosen`, { id: 'admin.chosen' })})</span></legend>
    ${extra.hint ? html`<span class="hint" id="${id}-hint">${extra.hint}</span>` : nothing}
    ${many
      ? html`<div class="field">
          <label for="${id}-filter">${msg(str`Find in “${legend}”`, { id: 'admin.filter-list' })}</label>
          <input id="${id}-filter" type="search" .value=${ctx.filters[key] ?? ''} @input=${(e: Event) => ctx.setFilter(key, (e.target as HTMLInputElement).value)} />
        </div>`
      : nothing}
    <ul class="checks ${many ? 'scroll' : ''}">
      ${shown.map((o) => {
        const boxId = `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        return html`<li class="check">
          <input id=${boxId} type="checkbox" .checked=${selected.includes(o.value)} @change=${(e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked)} />
          <label for=${boxId}>${o.label}${o.detail ? html` <span class="muted">${o.detail}</span>` : nothing}</label>
        </li>`;
      })}
    </ul>
    ${shown.length === 0 ? html`<p class="muted">${msg('Nobody matches.', { id: 'admin.no-match' })}</p>` : nothing}
    ${errorText(id, error)}
  </fieldset>`;
}

/** An editable list of named rows (a cycle's tracks, a theme's aspects). */
function nameRows(
  ctx: FormContext,
  key: string,
  legend: string,
  rowLabel: (n: string) => string,
  rows: ReadonlyArray<{ id: string | undefined; name: string }>,
  set: (rows: Array<{ id: string | undefined; name: string }>) => void,
  labels: { add: string; remove: (name: string) => string; empty: string; hint?: string },
) {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${labels.hint ? html`<p class="hint">${labels.hint}</p>` : nothing}
    ${rows.length === 0 ? html`<p class="muted">${labels.empty}</p>` : nothing}
    <ul class="rows">
      ${rows.map(
        (row, i) => html`<li class="row-item">
          ${input(ctx, `${key}.${i}`, rowLabel(formatNumber(i + 1)), row.name, (name) => set(rows.map((r, j) => (j === i ? { ...r, name } : r))))}
          <button type="button" class="danger" aria-label=${labels.remove(row.name || formatNumber(i + 1))} @click=${() => set(rows.filter((_, j) => j !== i))}>
            ${msg('Remove', { id: 'admin.remove' })}
          </button>
        </li>`,
      )}
    </ul>
    <button type="button" data-add=${key} @click=${() => set([...rows, { id: undefined, name: '' }])}>${labels.add}</button>
  </fieldset>`;
}

// -------------------------------------------------------------------------------------------------

export function cycleForm(ctx: FormContext<CycleDraft>) {
  const d = ctx.draft;
  return html`<div class="grid">
      ${input(ctx, 'name', msg('Name', { id: 'admin.cycle.name' }), d.name, (name) => ctx.update({ name }), { hint: msg('Usually the school year, such as 2026-27.', { id: 'admin.cycle.name-hint' }) })}
      ${select(
        ctx,
        'status',
        msg('Status', { id: 'admin.cycle.status' }),
        d.status,
        STATUSES.map((s) => ({ value: s, label: cycleStatusLabel(s) })),
        (status) => ctx.update({ status: status as Cycle['status'] }),
        { hint: msg('Elements work in the active cycle unless a page names another.', { id: 'admin.cycle.status-hint' }) },
      )}
    </div>
    <div class="grid">
      ${input(ctx, 'startsOn', msg('Starts on', { id: 'admin.cycle.starts' }), d.startsOn, (startsOn) => ctx.update({ startsOn }), { type: 'date' })}
      ${input(ctx, 'endsOn', msg('Ends on', { id: 'admin.cycle.ends' }), d.endsOn, (endsOn) => ctx.update({ endsOn }), { type: 'date' })}
    </div>
    ${checkList(
      ctx,
      'themeIds',
      msg('Themes offered', { id: 'admin.cycle.themes' }),
      ctx.themes.map((t) => ({ value: t.id, label: t.name })),
      d.themeIds,
      (themeIds) => ctx.update({ themeIds }),
    )}
    <fieldset>
      <legend>${msg('Policy for every enquiry in this cycle', { id: 'admin.cycle.policy' })}</legend>
      <div class="grid">
        ${input(ctx, 'minObservations', msg('Observations needed before evidence', { id: 'admin.cycle.min-observations' }), d.minObservations, (minObservations) => ctx.update({ minObservations }), {
          type: 'number',
          min: 0,
          max: 50,
        })}
        ${input(ctx, 'minEvidence', msg('Evidence items needed before sharing', { id: 'admin.cycle.min-evidence' }), d.minEvidence, (minEvidence) => ctx.update({ minEvidence }), {
          type: 'number',
          min: 0,
          max: 50,
        })}
      </div>
      ${checkbox('studentVoiceRequired', msg('Student voice is required', { id: 'admin.cycle.student-voice' }), d.studentVoiceRequired, (studentVoiceRequired) => ctx.update({ studentVoiceRequired }), msg('Sharing needs at least one anonymous student-voice survey among the evidence.', { id: 'admin.cycle.student-voice-hint' }))}
      ${checkbox('questionReviewRequired', msg('The lead reviews each driving question', { id: 'admin.cycle.review' }), d.questionReviewRequired, (questionReviewRequired) => ctx.update({ questionReviewRequired }), msg('Observation starts once the community lead approves the question.', { id: 'admin.cycle.review-hint' }))}
    </fieldset>
    ${nameRows(
      ctx,
      'tracks',
      msg('Tracks besides the PLCs', { id: 'admin.cycle.tracks' }),
      (n) => msg(str`Track ${n}`, { id: 'admin.cycle.track' }),
      d.tracks,
      (tracks) => ctx.update({ tracks }),
      {
        add: msg('Add a track', { id: 'admin.cycle.add-track' }),
        remove: (name) => msg(str`Remove track ${name}`, { id: 'admin.cycle.remove-track' }),
        empty: msg('No other tracks.', { id: 'admin.cycle.no-tracks' }),
        hint: msg('For example a new-staff track, "Building Learning Habits".', { id: 'admin.cycle.tracks-hint' }),
      },
    )}`;
}

export function themeForm(ctx: FormContext<ThemeDraft>) {
  const d = ctx.draft;
  const id = controlId('description');
  const error = ctx.errors['description'];
  return html`${input(ctx, 'name', msg('Name', { id: 'admin.theme.name' }), d.name, (name) => ctx.update({ name }))}
    <div class="field">
      <label for=${id}>${msg('Description', { id: 'admin.theme.description' })}${optional()}</label>
      <textarea
        id=${id}
        maxlength="10000"
        .value=${d.description}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described(id, false, error)}
        @input=${(e: Event) => ctx.update({ description: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      ${errorText(id, error)}
    </div>
    ${nameRows(
      ctx,
      'aspects',
      msg('Aspects of practice', { id: 'admin.theme.aspects' }),
      (n) => msg(str`Aspect ${n}`, { id: 'admin.theme.aspect' }),
      d.aspects,
      (aspects) => ctx.update({ aspects }),
      {
        add: msg('Add an aspect', { id: 'admin.theme.add-aspect' }),
        remove: (name) => msg(str`Remove aspect ${name}`, { id: 'admin.theme.remove-aspect' }),
        empty: msg('No aspects yet: the impact report needs at least one to match appraisal records.', { id: 'admin.theme.no-aspects' }),
        hint: msg('What appraisal records are matched against to measure the impact of PLCs on this theme.', { id: 'admin.theme.aspects-hint' }),
      },
    )}`;
}

function slotFieldset(ctx: FormContext<CommunityDraft>, slot: SlotDraft, i: number) {
  const d = ctx.draft;
  const set = (patch: Partial<SlotDraft>) => ctx.update({ slots: d.slots.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const n = formatNumber(i + 1);
  return html`<li>
    <fieldset class="slot">
      <legend>${msg(str`Meeting slot ${n}`, { id: 'admin.community.slot' })}</legend>
      <div class="grid">
        ${select(
          ctx,
          `slots.${i}.weekday`,
          msg('Day', { id: 'admin.community.weekday' }),
          slot.weekday,
          [1, 2, 3, 4, 5, 6, 7].map((w) => ({ value: String(w), label: weekdayLabel(w) })),
          (weekday) => set({ weekday }),
        )}
        ${input(ctx, `slots.${i}.start`, msg('Starts at', { id: 'admin.community.start' }), slot.start, (start) => set({ start }), { type: 'time' })}
        ${input(ctx, `slots.${i}.minutes`, msg('Minutes', { id: 'admin.community.minutes' }), slot.minutes, (minutes) => set({ minutes }), { type: 'number', min: 5, max: 480 })}
        ${input(ctx, `slots.${i}.location`, msg('Where', { id: 'admin.community.location' }), slot.location, (location) => set({ location }), { optional: true })}
      </div>
      <button type="button" class="danger" aria-label=${msg(str`Remove meeting slot ${n}`, { id: 'admin.community.remove-slot' })} @click=${() => ctx.update({ slots: d.slots.filter((_, j) => j !== i) })}>
        ${msg('Remove', { id: 'admin.remove' })}
      </button>
    </fieldset>
  </li>`;
}

export function communityForm(ctx: FormContext<CommunityDraft>) {
  const d = ctx.draft;
  const cycle = ctx.cycles.find((c) => c.id === d.cycleId);
  // The cycle's themes first; a theme it does not offer stays choosable (older records).
  const offered = cycle ? ctx.themes.filter((t) => cycle.themeIds.includes(t.id) || t.id === d.themeId) : ctx.themes;
  const people = ctx.people.map((p) => ({ value: p.id, label: p.name }));
  const schoolName = (id: string) => ctx.schools.find((s) => s.id === id)?.name ?? id;
  return html`${input(ctx, 'name', msg('Name', { id: 'admin.community.name' }), d.name, (name) => ctx.update({ name }))}
    <div class="grid">
      ${select(
        ctx,
        'cycleId',
        msg('Cycle', { id: 'admin.community.cycle' }),
        d.cycleId,
        ctx.cycles.map((c) => ({ value: c.id, label: c.name })),
        (cycleId) => ctx.update({ cycleId }),
        { empty: msg('Choose a cycle', { id: 'admin.community.choose-cycle' }) },
      )}
      ${select(
        ctx,
        'themeId',
        msg('Theme', { id: 'admin.community.theme' }),
        d.themeId,
        offered.map((t) => ({ value: t.id, label: t.name })),
        (themeId) => ctx.update({ themeId }),
        { empty: msg('Choose a theme', { id: 'admin.community.choose-theme' }), ...(cycle ? { hint: msg("The themes the cycle offers.", { id: 'admin.community.theme-hint' }) } : {}) },
      )}
      ${cycle?.tracks?.length || d.trackId
        ? select(
            ctx,
            'trackId',
            msg('Track', { id: 'admin.community.track' }),
            d.trackId,
            (cycle?.tracks ?? []).map((t) => ({ value: t.id, label: t.name })),
            (trackId) => ctx.update({ trackId }),
            {
              empty: msg('A PLC (no other track)', { id: 'admin.community.track-none' }),
              hint: msg('A group on one of the cycle’s tracks, such as new staff: its meetings are the track’s sessions.', { id: 'admin.community.track-hint' }),
            },
          )
        : nothing}
      ${select(ctx, 'leadId', msg('Lead', { id: 'admin.community.lead' }), d.leadId, people, (leadId) => ctx.update({ leadId }), {
        empty: msg('Choose the lead', { id: 'admin.community.choose-lead' }),
        hint: msg('The lead reviews driving questions and is always a member.', { id: 'admin.community.lead-hint' }),
      })}
    </div>
    ${checkList(ctx, 'memberIds', msg('Members', { id: 'admin.community.members' }), people.map((p) => ({ ...p, ...(p.value === d.leadId ? { detail: msg('(lead)', { id: 'admin.community.is-lead' }) } : {}) })), d.memberIds, (memberIds) => ctx.update({ memberIds }))}
    ${checkList(ctx, 'coachIds', msg('Coaches', { id: 'admin.community.coaches' }), ctx.people.filter((p) => p.roles.includes('coach') || d.coachIds.includes(p.id)).map((p) => ({ value: p.id, label: p.name })), d.coachIds, (coachIds) => ctx.update({ coachIds }), {
      hint: msg('People with the coach role.', { id: 'admin.community.coaches-hint' }),
    })}
    ${checkList(ctx, 'schoolIds', msg('Schools', { id: 'admin.community.schools' }), ctx.schools.map((s) => ({ value: s.id, label: schoolName(s.id) })), d.schoolIds, (schoolIds) => ctx.update({ schoolIds }))}
    <fieldset>
      <legend>${msg('Meeting slots', { id: 'admin.community.slots' })}</legend>
      <p class="hint">${msg('The dedicated time the community meets.', { id: 'admin.community.slots-hint' })}</p>
      ${d.slots.length === 0 ? html`<p class="muted">${msg('No meeting slots yet.', { id: 'admin.community.no-slots' })}</p>` : nothing}
      <ul class="rows">
        ${d.slots.map((slot, i) => slotFieldset(ctx, slot, i))}
      </ul>
      <button type="button" data-add="slots" ?disabled=${d.slots.length >= 10} @click=${() => ctx.update({ slots: [...d.slots, { ...NEW_SLOT }] })}>
        ${msg('Add a meeting slot', { id: 'admin.community.add-slot' })}
      </button>
    </fieldset>`;
}

export function personForm(ctx: FormContext<PersonDraft>) {
  const d = ctx.draft;
  const managers = ctx.people.filter((p) => p.id !== ctx.editingId).map((p) => ({ value: p.id, label: p.name }));
  return html`<div class="grid">
      ${input(ctx, 'name', msg('Name', { id: 'admin.person.name' }), d.name, (name) => ctx.update({ name }), { autocomplete: 'off' })}
      ${input(ctx, 'email', msg('Email', { id: 'admin.person.email' }), d.email, (email) => ctx.update({ email }), { type: 'email', optional: true })}
    </div>
    <div class="grid">
      ${select(
        ctx,
        'schoolId',
        msg('School', { id: 'admin.person.school' }),
        d.schoolId,
        ctx.schools.map((s) => ({ value: s.id, label: s.name })),
        (schoolId) => ctx.update({ schoolId }),
        { empty: msg('Choose a school', { id: 'admin.person.choose-school' }) },
      )}
      ${select(ctx, 'lineManagerId', msg('Line manager', { id: 'admin.person.line-manager' }), d.lineManagerId, managers, (lineManagerId) => ctx.update({ lineManagerId }), {
        empty: msg('None', { id: 'admin.person.no-manager' }),
        hint: msg('Kept so line managers never see developmental observation notes.', { id: 'admin.person.line-manager-hint' }),
      })}
    </div>
    <div class="grid">
      ${input(ctx, 'joinedOn', msg('Joined on', { id: 'admin.person.joined' }), d.joinedOn ?? '', (joinedOn) => ctx.update({ joinedOn }), {
        type: 'date',
        optional: true,
        hint: msg('A cycle’s staff are the people here during it.', { id: 'admin.person.joined-hint' }),
      })}
      ${input(ctx, 'leftOn', msg('Left on', { id: 'admin.person.left' }), d.leftOn ?? '', (leftOn) => ctx.update({ leftOn }), {
        type: 'date',
        optional: true,
        hint: msg('From this day they lose access; their past work keeps their name.', { id: 'admin.person.left-hint' }),
      })}
    </div>
    ${checkList(
      ctx,
      'roles',
      msg('Roles', { id: 'admin.person.roles' }),
      ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
      d.roles,
      (roles) => ctx.update({ roles: roles as StaffRole[] }),
    )}
    ${checkbox('newStaff', msg('New member of staff', { id: 'admin.person.new-staff' }), d.newStaff, (newStaff) => ctx.update({ newStaff }), msg('New staff follow their own track before joining a PLC.', { id: 'admin.person.new-staff-hint' }))}`;
}

/** The form for a draft. */
export function draftForm(ctx: FormContext): TemplateResult {
  switch (ctx.draft.kind) {
    case 'cycles':
      return cycleForm(ctx as FormContext<CycleDraft>);
    case 'themes':
      return themeForm(ctx as FormContext<ThemeDraft>);
    case 'communities':
      return communityForm(ctx as FormContext<CommunityDraft>);
    default:
      return personForm(ctx as FormContext<PersonDraft>);
  }
}
