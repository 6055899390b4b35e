/**
 * The "Start a new enquiry" form of `<plc-my-enquiries>`, loaded the first time someone opens
 * it: plc-app's first view is the list, and most visits only read it (issue 20). Pure rendering
 * over a draft the element keeps, plus the one step that starts the enquiry.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { RULES_VERSION } from '../../src/lifecycle/initialData.js';
import { verdict } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Cycle } from '../../src/schema/directory.js';
import type { EnquiryDetails, EnquiryKind } from '../../src/schema/enquiry.js';
import type { PlcSession } from '../context/session.js';
import { communitiesOf } from './communities.js';

/** The value of the "track" select for the programme itself. */
const PLC_TRACK = 'plc';

/** What the person has chosen and typed, and what went wrong with it. */
export interface StartDraft {
  cycleId: string;
  kind: EnquiryKind;
  communityId: string;
  themeId: string;
  supportId: string;
  title: string;
  track: string;
  titleError: string;
  saveError: string;
  saving: boolean;
}

/** What the form tells the element. */
export interface StartFormHandlers {
  change(patch: Partial<StartDraft>): void;
  cycle(cycleId: string): void;
  submit(event: Event): void;
  cancel(): void;
}

/** The cycles a new enquiry can be started in: planning and active ones, and the listed one. */
function formCycles(session: PlcSession, listedCycleId: string | undefined): Cycle[] {
  return [...session.directory.cycles.values()]
    .filter((c) => c.status !== 'closed' || c.id === listedCycleId)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn));
}

/**
 * A draft in `cycleId` with sensible defaults: a group enquiry when the person has a community,
 * the new-staff track for new staff. The title typed so far is kept.
 */
export function draftIn(session: PlcSession, cycleId: string, title = ''): StartDraft {
  const cycle = session.directory.cycles.get(cycleId);
  const communities = communitiesOf(session, cycleId);
  const tracks = cycle?.tracks ?? [];
  const newStaffTrack = tracks.find((t) => t.id === 'new-staff') ?? tracks[0];
  return {
    cycleId,
    kind: communities.length > 0 ? 'group' : 'individual',
    communityId: communities[0]?.id ?? '',
    themeId: '',
    supportId: '',
    title,
    track: session.person?.newStaff && newStaffTrack ? newStaffTrack.id : PLC_TRACK,
    titleError: '',
    saveError: '',
    saving: false,
  };
}

/** A fresh draft for the form as it opens, in the listed cycle (or the newest open one). */
export function openDraft(session: PlcSession, listedCycleId: string | undefined): StartDraft {
  return draftIn(session, listedCycleId ?? formCycles(session, listedCycleId)[0]?.id ?? '');
}

/**
 * Starts the enquiry the draft describes: its `enquiry.create` event appended to the store.
 * @returns the new enquiry's id, or the draft with the problem to show (nothing written)
 */
export async function startEnquiry(session: PlcSession, draft: StartDraft): Promise<{ enquiryId: string } | { draft: StartDraft; error?: unknown }> {
  const person = session.person!;
  const title = draft.title.trim();
  if (!title) return { draft: { ...draft, titleError: msg('Give the enquiry a title.', { id: 'enquiry.list.title-missing' }), saveError: '' } };
  const cleared = { ...draft, titleError: '', saveError: '' };
  const community = draft.kind === 'group' ? session.directory.communities.get(draft.communityId) : undefined;
  if (draft.kind === 'group' && !community) {
    return { draft: { ...cleared, saveError: msg('Choose the community this group enquiry belongs to.', { id: 'enquiry.list.community-missing' }) } };
  }
  const support = draft.kind === 'individual' && draft.supportId ? session.directory.communities.get(draft.supportId) : undefined;
  const themeId = community ? community.themeId : draft.themeId || undefined;
  const communityId = community?.id ?? support?.id;
  const details: EnquiryDetails = {
    title,
    kind: draft.kind,
    cycleId: draft.cycleId,
    ...(themeId ? { themeId } : {}),
    ...(communityId ? { communityId } : {}),
    ownerIds: [person.id],
    track: draft.track || PLC_TRACK,
    stages: [...session.lifecycle.stages],
    rulesVersion: RULES_VERSION,
  };
  if (!verdict({ kind: 'person', person }, 'enquiry.create', { details, community: community ?? support }).allowed) {
    return { draft: { ...cleared, saveError: msg('You can only start a group enquiry in a community you belong to.', { id: 'enquiry.list.not-allowed' }) } };
  }
  const enquiryId = session.newId('enq');
  try {
    await session.store.append(enquiryId, [session.newEvent(enquiryId, 'enquiry.create', details)]);
    return { enquiryId };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { draft: { ...cleared, saveError: msg(str`The enquiry could not be saved: ${message}`, { id: 'enquiry.list.save-failed' }) }, error };
  }
}

const themeName = (session: PlcSession, id: string | undefined) => (id ? (session.directory.themes.get(id)?.name ?? id) : '');
const valueOf = (event: Event) => (event.target as HTMLSelectElement | HTMLInputElement).value;

/** The form: cycle, kind (group or individual), community or theme and support, title, track. */
export function renderStartForm(session: PlcSession, draft: StartDraft, listedCycleId: string | undefined, on: StartFormHandlers): TemplateResult {
  const cycle = session.directory.cycles.get(draft.cycleId);
  const canGroup = communitiesOf(session, draft.cycleId).length > 0;
  const tracks = cycle?.tracks ?? [];
  return html`<form class="card" part="form" novalidate @submit=${on.submit} aria-labelledby="form-heading">
    <h3 id="form-heading" tabindex="-1">${msg('Start a new enquiry', { id: 'enquiry.list.start' })}</h3>
    <div class="field">
      <label for="cycle">${msg('Cycle', { id: 'enquiry.list.form.cycle' })}</label>
      <select id="cycle" @change=${(e: Event) => on.cycle(valueOf(e))}>
        ${formCycles(session, listedCycleId).map((c) => html`<option value=${c.id} ?selected=${c.id === draft.cycleId}>${c.name}</option>`)}
      </select>
    </div>
    <fieldset>
      <legend>${msg('What kind of enquiry?', { id: 'enquiry.list.form.kind' })}</legend>
      <div class="radio">
        <input
          type="radio"
          id="kind-group"
          name="kind"
          value="group"
          .checked=${draft.kind === 'group'}
          ?disabled=${!canGroup}
          aria-describedby=${canGroup ? nothing : 'kind-group-hint'}
          @change=${() => on.change({ kind: 'group' })}
        />
        <label for="kind-group"
          >${msg('Group enquiry in one of my communities', { id: 'enquiry.list.form.kind-group' })}
          ${canGroup
            ? nothing
            : html`<span class="hint" id="kind-group-hint">${msg(str`You are not in a community in ${cycle?.name ?? ''}.`, { id: 'enquiry.list.form.no-community' })}</span>`}</label
        >
      </div>
      <div class="radio">
        <input type="radio" id="kind-individual" name="kind" value="individual" .checked=${draft.kind === 'individual'} @change=${() => on.change({ kind: 'individual' })} />
        <label for="kind-individual">${msg('Individual project', { id: 'enquiry.list.kind-individual' })}</label>
      </div>
    </fieldset>
    ${draft.kind === 'group' ? renderGroupFields(session, draft, on) : renderIndividualFields(session, draft, on)}
    <div class="field">
      <label for="title">${msg('Title', { id: 'enquiry.list.form.title' })}</label>
      <input
        id="title"
        type="text"
        maxlength=${LIMITS.shortText}
        autocomplete="off"
        .value=${draft.title}
        aria-invalid=${draft.titleError ? 'true' : 'false'}
        aria-describedby=${draft.titleError ? 'title-error' : nothing}
        @input=${(e: Event) => on.change({ title: valueOf(e) })}
      />
      ${draft.titleError ? html`<p class="field-error" id="title-error">${draft.titleError}</p>` : nothing}
    </div>
    ${tracks.length > 0
      ? html`<div class="field">
          <label for="track">${msg('Track', { id: 'enquiry.list.form.track' })}</label>
          <select id="track" @change=${(e: Event) => on.change({ track: valueOf(e) })}>
            <option value=${PLC_TRACK} ?selected=${draft.track === PLC_TRACK}>${msg('Professional learning community', { id: 'enquiry.list.form.track-plc' })}</option>
            ${tracks.map((t) => html`<option value=${t.id} ?selected=${t.id === draft.track}>${t.name}</option>`)}
          </select>
        </div>`
      : nothing}
    ${draft.saveError ? html`<p class="notice error" role="alert">${draft.saveError}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="primary" ?disabled=${draft.saving}>${msg('Start the enquiry', { id: 'enquiry.list.form.submit' })}</button>
      <button type="button" @click=${on.cancel}>${msg('Cancel', { id: 'enquiry.list.form.cancel' })}</button>
    </div>
  </form>`;
}

/** A group enquiry: which of the person's communities (its theme comes with it). */
function renderGroupFields(session: PlcSession, draft: StartDraft, on: StartFormHandlers) {
  const communities = communitiesOf(session, draft.cycleId);
  return html`<div class="field">
      <label for="community">${msg('Community', { id: 'enquiry.list.form.community' })}</label>
      <select id="community" @change=${(e: Event) => on.change({ communityId: valueOf(e) })}>
        ${communities.map((c) => html`<option value=${c.id} ?selected=${c.id === draft.communityId}>${c.name}</option>`)}
      </select>
    </div>
    <p class="theme-fixed">
      <span class="muted">${msg('Theme (the community’s):', { id: 'enquiry.list.form.theme-fixed' })}</span>
      ${themeName(session, session.directory.communities.get(draft.communityId)?.themeId)}
    </p>`;
}

/** An individual project: its theme (or later) and an optional supporting community. */
function renderIndividualFields(session: PlcSession, draft: StartDraft, on: StartFormHandlers) {
  const cycle = session.directory.cycles.get(draft.cycleId);
  const themes = (cycle?.themeIds ?? []).map((id) => session.directory.themes.get(id)).filter((t) => t !== undefined);
  const allCommunities = [...session.directory.communities.values()]
    .filter((c) => c.cycleId === draft.cycleId && c.trackId === undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  return html`<div class="field">
      <label for="theme">${msg('Theme', { id: 'enquiry.list.theme' })}</label>
      <select id="theme" @change=${(e: Event) => on.change({ themeId: valueOf(e) })}>
        <option value="" ?selected=${!draft.themeId}>${msg('Choose later', { id: 'enquiry.list.form.theme-later' })}</option>
        ${themes.map((t) => html`<option value=${t.id} ?selected=${t.id === draft.themeId}>${t.name}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="support"
        >${msg('Supporting community (optional)', { id: 'enquiry.list.form.support' })}
        <span class="hint">${msg('Its lead reviews your driving question.', { id: 'enquiry.list.form.support-hint' })}</span></label
      >
      <select id="support" @change=${(e: Event) => on.change({ supportId: valueOf(e) })}>
        <option value="" ?selected=${!draft.supportId}>${msg('None', { id: 'enquiry.list.form.support-none' })}</option>
        ${allCommunities.map((c) => html`<option value=${c.id} ?selected=${c.id === draft.supportId}>${c.name}</option>`)}
      </select>
    </div>`;
}
