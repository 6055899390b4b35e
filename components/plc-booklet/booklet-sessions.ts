/**
 * The booklet's "Shared with all staff" part: the sharing sessions where the cycle's outcomes
 * were presented, each with its programme, the presented outcomes linked to their place in the
 * booklet (the same data the downloads print, from `src/export/booklet.ts`).
 * @internal
 */
import { html, nothing } from 'lit';
import { programmeOf } from '../../src/analysis/sharingSession.js';
import { anchorId, type Booklet, type BookletSession } from '../../src/export/booklet.js';
import type { SharingSession } from '../../src/schema/sharing.js';
import { heading } from '../shared/heading.js';
import { programmeWhen } from '../plc-sharing-session/session-parts.js';

/** A sharing session as the booklet prints it: when (in the reader's language) and its items with names. */
export function bookletSession(session: SharingSession, nameOf: (personId: string) => string | undefined): BookletSession {
  const programme = programmeOf(session, nameOf);
  const slots = programme.rooms.flatMap((room) => room.slots).sort((a, b) => a.order - b.order);
  return {
    id: session.id,
    title: session.title,
    when: programmeWhen(programme),
    slots: slots.map((slot) => ({ start: slot.start, end: slot.end, room: slot.room, title: slot.title, presenters: slot.presenters, enquiryId: slot.enquiryId })),
  };
}

/** The sessions section of the booklet on screen (nothing when there are none). */
export function bookletSessionsView(booklet: Booklet, level: number, jump: (event: MouseEvent) => void) {
  if (!booklet.sessions.length) return nothing;
  const inBooklet = new Set(booklet.sections.flatMap((section) => section.outcomes.map((outcome) => outcome.enquiryId)));
  return html`<section class="theme sessions" part="sessions" id="sharing-sessions" aria-labelledby="sharing-sessions-title">
    ${heading(level, booklet.labels.sessions, { id: 'sharing-sessions-title', focusable: true })}
    ${booklet.sessions.map(
      (session) => html`<article class="session">
        ${heading(level + 1, session.title)}
        <p class="when">${session.when}</p>
        <ul>
          ${session.slots.map(
            (slot) => html`<li>
              <span class="time">${slot.start}–${slot.end}</span> · ${slot.room} ·
              ${inBooklet.has(slot.enquiryId) ? html`<a href=${`#${anchorId('outcome', slot.enquiryId)}`} @click=${jump}>${slot.title}</a>` : slot.title}
              · ${slot.presenters.join(', ')}
            </li>`,
          )}
        </ul>
      </article>`,
    )}
  </section>`;
}
