/**
 * The versions of a meeting's notes (issue 16): who wrote the notes as they are now and when, and
 * each earlier version, newest first, opened one at a time (long notes folded). Shown to the
 * meeting's readers only (docs/privacy.md, meeting-versions): the element asks the policy.
 * @internal
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Meeting } from '../../src/schema/directory.js';
import { formatDateTime } from '../localization.js';
import { foldText } from '../shared/fold.js';
import { heading } from '../shared/heading.js';

/** What the versions' section needs. */
export interface NoteVersionsContext {
  /** The level of the section's heading. */
  level: number;
  /** The meeting as stored (the versions are part of its record). */
  meeting: Meeting;
  personName(id: string): string;
}

/** The writer's name, or that it was not recorded (notes saved before writers were kept). */
const writer = (ctx: NoteVersionsContext, by: string | undefined) => (by ? ctx.personName(by) : msg('Writer not recorded', { id: 'meeting.versions.unknown' }));

/** When a version was written, as a `<time>`, or when it was replaced if that is all that is known. */
function when(at: string | undefined, until: string): TemplateResult {
  if (at) return html`<time datetime=${at}>${formatDateTime(at)}</time>`;
  return html`${msg('replaced', { id: 'meeting.versions.replaced' })} <time datetime=${until}>${formatDateTime(until)}</time>`;
}

/** Styles for {@link noteVersions}. */
export const noteVersionsStyles = css`
  .note-versions ol {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) / 2);
  }
  .note-versions summary {
    cursor: pointer;
    padding-block: calc(var(--plc-space, 0.5rem) / 2);
  }
  .note-versions details > :not(summary) {
    margin-inline-start: var(--plc-space, 0.5rem);
  }
`;

/** The section listing the notes' writer and earlier versions; nothing for a meeting with neither. */
export function noteVersions(ctx: NoteVersionsContext): TemplateResult | typeof nothing {
  const { meeting } = ctx;
  const past = [...(meeting.pastNotes ?? [])].reverse();
  if (!meeting.notesBy && past.length === 0) return nothing;
  const current = meeting.notesBy
    ? html`<p class="muted current-notes">
        ${msg(str`Notes as they are now: written by ${ctx.personName(meeting.notesBy)}`, { id: 'meeting.versions.current' })}${meeting.notesAt
          ? html`, <time datetime=${meeting.notesAt}>${formatDateTime(meeting.notesAt)}</time>`
          : nothing}
      </p>`
    : nothing;
  return html`<section class="note-versions" part="note-versions" aria-labelledby="note-versions-heading">
    ${heading(ctx.level, msg('Earlier versions of the notes', { id: 'meeting.versions.heading' }), { id: 'note-versions-heading' })} ${current}
    ${past.length === 0
      ? html`<p class="empty">${msg('No earlier versions: the notes have not been replaced.', { id: 'meeting.versions.none' })}</p>`
      : html`<ol>
          ${past.map(
            (version) => html`<li>
              <details class="version">
                <summary><span class="who">${writer(ctx, version.by)}</span>, ${when(version.at, version.until)}</summary>
                ${foldText(version.notes)}
              </details>
            </li>`,
          )}
        </ol>`}
  </section>`;
}
