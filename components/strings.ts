/**
 * Names the person sees that many elements share: stages, statuses, evidence kinds, roles and
 * refusal reasons. Every one comes from the locale catalogue (ids `common.*`).
 */
import { msg, str } from '@lit/localize';
import type { Refusal } from '../src/lifecycle/refusals.js';

/** The name of a stage; integrator stages show their id with dashes as spaces. */
export function stageLabel(stage: string): string {
  switch (stage) {
    case 'theme':
      return msg('Theme', { id: 'common.stage.theme' });
    case 'question':
      return msg('Driving question', { id: 'common.stage.question' });
    case 'observation':
      return msg('Observation', { id: 'common.stage.observation' });
    case 'evidence':
      return msg('Evidence', { id: 'common.stage.evidence' });
    case 'sharing':
      return msg('Sharing', { id: 'common.stage.sharing' });
    case 'shared':
      return msg('Shared', { id: 'common.stage.shared' });
    default:
      return stage.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}

/** The name of an enquiry's overall status. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'active':
      return msg('In progress', { id: 'common.status.active' });
    case 'paused':
      return msg('Paused', { id: 'common.status.paused' });
    case 'withdrawn':
      return msg('Withdrawn', { id: 'common.status.withdrawn' });
    case 'archived':
      return msg('Archived', { id: 'common.status.archived' });
    default:
      return msg('Not started', { id: 'common.status.new' });
  }
}

/** The name of an evidence kind. */
export function evidenceKindLabel(kind: string): string {
  switch (kind) {
    case 'student-voice':
      return msg('Student voice survey', { id: 'common.evidence.student-voice' });
    case 'assessment':
      return msg('Assessment data', { id: 'common.evidence.assessment' });
    case 'learning-walk':
      return msg('Learning walk', { id: 'common.evidence.learning-walk' });
    case 'artefact':
      return msg('Artefact', { id: 'common.evidence.artefact' });
    case 'note':
      return msg('Note', { id: 'common.evidence.note' });
    default:
      return kind.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}

/** "enquiry" in the active language (en-US says "inquiry"). */
export const enquiryWord = (): string => msg('enquiry', { id: 'common.enquiry' });

/**
 * A refusal's reason in the active language, translated by its code; reasons from integrator
 * guards keep their own message.
 */
export function refusalText(refusal: Pick<Refusal, 'code' | 'params' | 'message'>): string {
  const p = refusal.params;
  switch (refusal.code) {
    case 'theme-missing':
      return msg('Choose a theme first.', { id: 'refusal.theme-missing' });
    case 'question-incomplete':
      return msg('Write the driving question and at least one success criterion ("how will we know?") before submitting it.', {
        id: 'refusal.question-incomplete',
      });
    case 'not-reviewer':
      return msg('Only the community lead can review the driving question.', { id: 'refusal.not-reviewer' });
    case 'own-question':
      return msg('Another reviewer must approve a question you wrote yourself.', { id: 'refusal.own-question' });
    case 'too-few-observations':
      return msg(str`Record at least ${p['needed'] ?? 1} observation(s) before gathering evidence (${p['have'] ?? 0} so far).`, {
        id: 'refusal.too-few-observations',
      });
    case 'student-voice-missing':
      return msg('This cycle asks for student voice: add an anonymous student-voice survey before sharing.', {
        id: 'refusal.student-voice-missing',
      });
    case 'too-few-evidence':
      return msg(str`Add at least ${p['needed'] ?? 1} piece(s) of evidence before sharing (${p['have'] ?? 0} so far).`, {
        id: 'refusal.too-few-evidence',
      });
    case 'reflection-missing':
      return msg('Write your reflection (what worked, what did not) before publishing.', { id: 'refusal.reflection-missing' });
    case 'outcome-missing':
      return msg('Write the summary for colleagues before publishing.', { id: 'refusal.outcome-missing' });
    case 'not-observed-colleague':
      return msg('Only the colleague who was observed can share the notes further.', { id: 'refusal.not-observed-colleague' });
    case 'paused':
      return msg('This enquiry is paused: resume it first.', { id: 'refusal.paused' });
    case 'closed':
      return msg('This enquiry is closed: nothing more can be added.', { id: 'refusal.closed' });
    case 'not-in-stage':
      return msg(str`This cannot be done at the ${stageLabel(String(p['stage'] ?? ''))} stage.`, { id: 'refusal.not-in-stage' });
    case 'not-allowed':
      return msg('You do not have permission to do this.', { id: 'refusal.not-allowed' });
    default:
      return refusal.message;
  }
}
