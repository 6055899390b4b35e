/**
 * Refusal reasons in the active language, from the locale catalogue (ids `refusal.*`): apart from
 * strings.ts because only the elements that take steps show them, and they load after the first
 * view of `<plc-app>`.
 */
import { msg, str } from '@lit/localize';
import type { Refusal } from '../src/lifecycle/refusals.js';
import type { ServerRefusal } from '../src/store/sync.js';
import { BUILT_IN_VIEWS, stageLabel, type PlcViews } from './context/views.js';

/**
 * A refusal's reason in the active language, translated by its code; reasons from integrator
 * guards keep their own message. `views` names an integrator's stages.
 */
export function refusalText(refusal: Pick<Refusal, 'code' | 'params' | 'message'>, views: PlcViews = BUILT_IN_VIEWS): string {
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
      return msg(str`This cannot be done at the ${stageLabel(String(p['stage'] ?? ''), views)} stage.`, { id: 'refusal.not-in-stage' });
    case 'not-allowed':
      return msg('You do not have permission to do this.', { id: 'refusal.not-allowed' });
    default:
      return refusal.message;
  }
}

/**
 * Why the server refused a step this device sent, in the active language: the policy's or the
 * lifecycle's own reason when the server named one we know, else by the server's code (an
 * invalid step keeps the server's English details).
 */
export function serverRefusalText(refusal: Pick<ServerRefusal, 'code' | 'because' | 'reason'>, views: PlcViews = BUILT_IN_VIEWS): string {
  if (refusal.code === 'too-large') return msg('This step is larger than the server accepts.', { id: 'refusal.server.too-large' });
  if (refusal.code === 'forbidden') {
    const known = refusal.because ? refusalText({ code: refusal.because, params: {}, message: '' }, views) : '';
    return known || refusalText({ code: 'not-allowed', params: {}, message: '' }, views);
  }
  return msg(str`The server could not accept this step: ${refusal.reason}`, { id: 'refusal.server.invalid' });
}
