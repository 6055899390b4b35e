/**
 * Why a step was refused: a stable code for programs and translations, parameters for the
 * message, and a readable English message. A refused event stays in the log, marked with this.
 */

/** A refusal of one event. */
export interface Refusal {
  eventId: string;
  type: string;
  /** Stable reason code, e.g. `too-few-observations`. */
  code: string;
  /** Values the message mentions, for localised messages. */
  params: Record<string, string | number>;
  /** A readable English message. Components translate by `code` and `params`. */
  message: string;
  /** The stage the enquiry was in when the event was refused. */
  stage: string;
}

/** Reason codes plc-kit itself produces. Integrators' guards add their own. */
export type RefusalCode =
  | 'invalid-event'
  | 'invalid-payload'
  | 'unknown-event'
  | 'wrong-enquiry'
  | 'not-created'
  | 'already-created'
  | 'not-in-stage'
  | 'paused'
  | 'closed'
  | 'theme-missing'
  | 'question-incomplete'
  | 'not-reviewer'
  | 'own-question'
  | 'too-few-observations'
  | 'student-voice-missing'
  | 'too-few-evidence'
  | 'reflection-missing'
  | 'outcome-missing'
  | 'observation-not-found'
  | 'not-observed-colleague'
  | 'evidence-not-found'
  | 'duplicate-id'
  | 'stage-requirement';

/** A guard's refusal text: a code and a message built from the enquiry's data. */
export interface RefusalText<Context = unknown> {
  code: string;
  message: (context: Context, event: { type: string; event: { authorId: string; at: string; payload: Record<string, unknown> } }) => {
    message: string;
    params?: Record<string, string | number>;
  };
}
