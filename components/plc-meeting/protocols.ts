/**
 * The meeting protocols a community can follow, each with a name, a line on when to use it and
 * an agenda with timings that `<plc-meeting>` fills in when the protocol is chosen. Drawn from
 * the seeds: analysing student data together, discussing a lesson that did not go to plan, peer
 * feedback on an observation, planning, and an open meeting. Texts come from the locale
 * catalogue, so the agenda is written in the language the meeting is recorded in.
 * @internal
 */
import { msg } from '@lit/localize';
import type { MeetingProtocol } from '../../src/schema/directory.js';

/** One agenda item: what the community does and for how long. */
export interface AgendaTemplateItem {
  title: string;
  minutes: number;
}

/** Every protocol, in the order they are offered. */
export const PROTOCOLS: readonly MeetingProtocol[] = ['data-analysis', 'failed-lesson', 'observation-sharing', 'planning', 'open'];

/** A protocol's name. */
export function protocolName(protocol: MeetingProtocol): string {
  switch (protocol) {
    case 'data-analysis':
      return msg('Looking at student data', { id: 'meeting.protocol.data-analysis' });
    case 'failed-lesson':
      return msg('A lesson that didn’t go to plan', { id: 'meeting.protocol.failed-lesson' });
    case 'observation-sharing':
      return msg('Sharing an observation', { id: 'meeting.protocol.observation-sharing' });
    case 'planning':
      return msg('Planning', { id: 'meeting.protocol.planning' });
    default:
      return msg('Open meeting', { id: 'meeting.protocol.open' });
  }
}

/** When to use a protocol, in one line. */
export function protocolPurpose(protocol: MeetingProtocol): string {
  switch (protocol) {
    case 'data-analysis':
      return msg('Describe what the data shows before explaining it, then agree what to change.', { id: 'meeting.protocol.data-analysis.purpose' });
    case 'failed-lesson':
      return msg('One colleague brings a lesson that flopped; the group works out why and what to try next.', {
        id: 'meeting.protocol.failed-lesson.purpose',
      });
    case 'observation-sharing':
      return msg('Observer and observed talk through strengths, wonderings and next steps: developmental, never evaluative.', {
        id: 'meeting.protocol.observation-sharing.purpose',
      });
    case 'planning':
      return msg('Plan the next observations and evidence, and who does what by when.', { id: 'meeting.protocol.planning.purpose' });
    default:
      return msg('A short agenda to shape as you need.', { id: 'meeting.protocol.open.purpose' });
  }
}

/** The agenda a protocol starts with, with timings in minutes. */
export function protocolAgenda(protocol: MeetingProtocol): AgendaTemplateItem[] {
  switch (protocol) {
    case 'data-analysis':
      return [
        { title: msg('Check in: which data, and which question it speaks to', { id: 'meeting.agenda.data.check-in' }), minutes: 5 },
        { title: msg('What do we notice? Describe only, no explanations yet', { id: 'meeting.agenda.data.notice' }), minutes: 15 },
        { title: msg('What might explain it?', { id: 'meeting.agenda.data.explain' }), minutes: 15 },
        { title: msg('What does it mean for our teaching?', { id: 'meeting.agenda.data.implications' }), minutes: 15 },
        { title: msg('Next steps: who does what by when', { id: 'meeting.agenda.data.next-steps' }), minutes: 10 },
      ];
    case 'failed-lesson':
      return [
        { title: msg('Agree the norms: curious, developmental, confidential', { id: 'meeting.agenda.failed.norms' }), minutes: 5 },
        { title: msg('The lesson: what was planned and what happened', { id: 'meeting.agenda.failed.describe' }), minutes: 10 },
        { title: msg('Clarifying questions', { id: 'meeting.agenda.failed.clarify' }), minutes: 5 },
        { title: msg('Why might it not have worked? The group discusses, the teacher listens', { id: 'meeting.agenda.failed.discuss' }), minutes: 15 },
        { title: msg('The teacher reflects on what they heard', { id: 'meeting.agenda.failed.reflect' }), minutes: 10 },
        { title: msg('What we will try next time', { id: 'meeting.agenda.failed.next' }), minutes: 10 },
      ];
    case 'observation-sharing':
      return [
        { title: msg('The focus of the observation and our driving question', { id: 'meeting.agenda.observation.focus' }), minutes: 5 },
        { title: msg('Strengths the observer saw', { id: 'meeting.agenda.observation.strengths' }), minutes: 10 },
        { title: msg('Wonderings and questions', { id: 'meeting.agenda.observation.wonderings' }), minutes: 10 },
        { title: msg('The observed colleague responds', { id: 'meeting.agenda.observation.response' }), minutes: 10 },
        { title: msg('Next steps for our enquiry', { id: 'meeting.agenda.observation.next-steps' }), minutes: 10 },
        { title: msg('Who observes whom next', { id: 'meeting.agenda.observation.rota' }), minutes: 5 },
      ];
    case 'planning':
      return [
        { title: msg('Review the decisions of the last meeting', { id: 'meeting.agenda.planning.review' }), minutes: 10 },
        { title: msg('Where each enquiry has got to', { id: 'meeting.agenda.planning.progress' }), minutes: 10 },
        { title: msg('Plan observations and evidence, student voice first', { id: 'meeting.agenda.planning.plan' }), minutes: 20 },
        { title: msg('Dates and responsibilities', { id: 'meeting.agenda.planning.dates' }), minutes: 10 },
      ];
    default:
      return [
        { title: msg('Welcome and agenda', { id: 'meeting.agenda.open.welcome' }), minutes: 5 },
        { title: msg('Discussion', { id: 'meeting.agenda.open.discussion' }), minutes: 40 },
        { title: msg('Actions', { id: 'meeting.agenda.open.actions' }), minutes: 10 },
      ];
  }
}
