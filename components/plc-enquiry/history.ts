/**
 * The sentence the history timeline shows for each event type ("Beth Evans submitted the
 * driving question"), in the active language. A stage's own events are told as its description
 * says (`StageView.history`); others fall back to their type.
 */
import { msg, str } from '@lit/localize';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { HIDDEN } from '../../src/policy/redact.js';

/** Looks up names for ids in the event's payload. */
export interface NameLookup {
  person(id: string | undefined): string;
  theme(id: string | undefined): string;
  /** An evidence kind's name (integrators' kinds included). */
  evidenceKind(kind: string): string;
  /** The sentence a stage's description gives its own event (`{who}` filled in), if any. */
  stageEvent(type: string, who: string): string | undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * What `event` did, as a sentence naming its author. Pass the event as the reader may see it
 * (`eventForReader`): an observation they may not read is told without names.
 */
export function describeEvent(event: DomainEvent, names: NameLookup): string {
  const p = event.payload;
  if (p['factHidden'] === true) {
    return event.type === 'observation.share'
      ? msg('Observation notes were shared with colleagues (who, and with whom, is private)', { id: 'enquiry.history.share-private' })
      : msg('An observation was recorded (who observed whom is private)', { id: 'enquiry.history.observation-private' });
  }
  const who = event.authorId === HIDDEN ? msg('A colleague', { id: 'enquiry.history.someone' }) : names.person(event.authorId);
  switch (event.type) {
    case 'enquiry.create':
      return msg(str`${who} started the enquiry “${text(p['title'])}”`, { id: 'enquiry.history.create' });
    case 'enquiry.rename':
      return msg(str`${who} renamed the enquiry “${text(p['title'])}”`, { id: 'enquiry.history.rename' });
    case 'theme.choose':
      return msg(str`${who} chose the theme ${names.theme(text(p['themeId']))}`, { id: 'enquiry.history.theme' });
    case 'question.draft':
      return msg(str`${who} saved a draft of the driving question`, { id: 'enquiry.history.draft' });
    case 'question.submit':
      return msg(str`${who} submitted the driving question`, { id: 'enquiry.history.submit' });
    case 'question.approve':
      return msg(str`${who} approved the driving question`, { id: 'enquiry.history.approve' });
    case 'question.return':
      return msg(str`${who} asked for changes to the driving question`, { id: 'enquiry.history.return' });
    case 'question.refine':
      return msg(str`${who} went back to refine the driving question`, { id: 'enquiry.history.refine' });
    case 'observation.record':
      return msg(str`${who} recorded an observation of ${names.person(text(p['observedId']))}`, { id: 'enquiry.history.observation' });
    case 'observation.share':
      return msg(str`${who} shared their observation notes`, { id: 'enquiry.history.share' });
    case 'evidence.start':
      return msg(str`${who} started gathering evidence`, { id: 'enquiry.history.evidence-start' });
    case 'evidence.add':
      return msg(str`${who} added evidence: ${names.evidenceKind(text(p['kind']))}, “${text(p['title'])}”`, { id: 'enquiry.history.evidence-add' });
    case 'evidence.remove':
      return msg(str`${who} removed a piece of evidence`, { id: 'enquiry.history.evidence-remove' });
    case 'evidence.reopen':
      return msg(str`${who} went back to gathering evidence`, { id: 'enquiry.history.evidence-reopen' });
    case 'reflection.save':
      return msg(str`${who} saved the reflection`, { id: 'enquiry.history.reflection' });
    case 'sharing.start':
      return msg(str`${who} moved the enquiry to sharing`, { id: 'enquiry.history.sharing-start' });
    case 'outcome.save':
      return msg(str`${who} saved the outcome for colleagues`, { id: 'enquiry.history.outcome' });
    case 'outcome.publish':
      return msg(str`${who} published the outcome`, { id: 'enquiry.history.publish' });
    case 'enquiry.pause':
      return msg(str`${who} paused the enquiry`, { id: 'enquiry.history.pause' });
    case 'enquiry.resume':
      return msg(str`${who} resumed the enquiry`, { id: 'enquiry.history.resume' });
    case 'enquiry.withdraw':
      return msg(str`${who} withdrew the enquiry`, { id: 'enquiry.history.withdraw' });
    case 'enquiry.archive':
      return msg(str`${who} archived the enquiry`, { id: 'enquiry.history.archive' });
    default:
      return names.stageEvent(event.type, who) ?? msg(str`${who}: ${event.type}`, { id: 'enquiry.history.other' });
  }
}

/**
 * What a person wrote in a step that carries words (a version of the driving question, the
 * reflection, the outcome), field by field, as the reader may see it: the history shows each
 * version that was written. Empty for other steps, and for a version hidden from the reader.
 */
export function eventVersion(event: DomainEvent): Array<{ label: string; text: string }> {
  const p = event.payload;
  if (p['hidden'] === true || p['factHidden'] === true) return [];
  const list = (value: unknown) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : text((item as Record<string, unknown>)['description']))).filter(Boolean).join('\n') : '');
  const fields: Array<[string, string]> =
    event.type === 'question.draft'
      ? [
          [msg('The question', { id: 'question.text' }), text(p['text'])],
          [msg('Why this question?', { id: 'question.rationale' }), text(p['rationale'])],
          [msg('Which students?', { id: 'question.target-students' }), text(p['targetStudents'])],
          [msg('What will you try?', { id: 'question.actions' }), list(p['plannedActions'])],
          [msg('How will we know?', { id: 'question.criteria' }), list(p['successCriteria'])],
          [msg('Evidence you will gather', { id: 'question.evidence' }), list(p['plannedEvidence'])],
        ]
      : event.type === 'reflection.save'
        ? [
            [msg('What worked', { id: 'outcome.reflection.worked' }), text(p['whatWorked'])],
            [msg('What did not', { id: 'outcome.reflection.did-not' }), text(p['whatDidNot'])],
            [msg('Next steps', { id: 'outcome.reflection.next' }), text(p['nextSteps'])],
          ]
        : event.type === 'outcome.save'
          ? [
              [msg('Summary for colleagues', { id: 'outcome.summary' }), text(p['summary'])],
              [msg('Findings', { id: 'enquiry.history.findings' }), list(p['findings'])],
              [msg('Recommendations', { id: 'enquiry.history.recommendations' }), list(p['recommendations'])],
            ]
          : [];
  return fields.filter(([, value]) => value.trim()).map(([label, value]) => ({ label, text: value }));
}

/** The words a person attached to an event (a reason or a review comment), if any. */
export function eventNote(event: DomainEvent): string {
  if (event.type === 'question.approve' || event.type === 'question.return') return event.payload['commentHidden'] === true ? '' : text(event.payload['comment']);
  if (event.type.startsWith('enquiry.') || event.type === 'question.refine' || event.type === 'evidence.reopen' || event.type === 'evidence.remove') {
    return text(event.payload['reason']);
  }
  return '';
}
