/**
 * The printed programme and the attendance summary of a sharing session: what every member of
 * staff sees, and what prints (print rules in the styles hide everything else).
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { Programme, SessionAttendance } from '../../src/analysis/sharingSession.js';
import { formatDate, formatNumber, formatPercent } from '../localization.js';
import { heading } from '../shared/heading.js';

/** When a session is held, in the reader's language: "14 Oct 2026, 15:30 to 16:00". */
export function programmeWhen(programme: Pick<Programme, 'date' | 'startsAt' | 'endsAt'>): string {
  return msg(str`${formatDate(programme.date)}, ${programme.startsAt} to ${programme.endsAt}`, { id: 'sharing.programme.when' });
}

/** The programme: the session's day and times, then each room's running order. */
export function programmeView(programme: Programme, level: number) {
  const when = programmeWhen(programme);
  return html`<section class="programme" part="programme" aria-labelledby="programme-title">
    ${heading(level, msg(str`Programme: ${programme.title}`, { id: 'sharing.programme.title' }), { id: 'programme-title' })}
    <p class="when">${when}</p>
    ${programme.rooms.length === 0
      ? html`<p class="empty" role="status">${msg('Nothing is on the programme yet.', { id: 'sharing.programme.empty' })}</p>`
      : programme.rooms.map(
          (room) => html`<div class="room">
            ${heading(level + 1, room.room)}
            <ol class="running-order">
              ${room.slots.map(
                (slot) => html`<li>
                  <span class="time">${slot.start}–${slot.end}</span>
                  <span class="what"><strong>${slot.title}</strong> · ${slot.presenters.join(', ')}</span>
                </li>`,
              )}
            </ol>
          </div>`,
        )}
  </section>`;
}

/** "12 of 40 staff came (30%)", or nothing before anyone is marked. */
export function attendanceSummary(attendance: SessionAttendance, marked: number) {
  if (marked === 0) return nothing;
  const [present, staff, share] = [formatNumber(attendance.present), formatNumber(attendance.staff), formatPercent(attendance.share)];
  return html`<p class="attendance-summary" part="attendance-summary">${msg(str`${present} of ${staff} staff came (${share}).`, { id: 'sharing.attendance.summary' })}</p>`;
}
