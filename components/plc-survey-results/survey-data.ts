import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import type { Store, Versioned } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';

/** Where loading surveys stands. */
export type SurveyLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Which surveys to load: one by id, or every survey of an enquiry. */
export interface SurveyQuery {
  surveyId?: string | undefined;
  enquiryId?: string | undefined;
  /** Also load the answer sheets (only ever aggregated by the elements; never shown one by one). */
  responses?: boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Loads survey records (and, when asked, their anonymous answer sheets) from the session's store
 * and follows changes: a teacher opening or closing a survey, a student submitting on another
 * tab. It reloads only when the store or the query changes, never because the session object
 * did, so an element's own state (a thank-you message, a form being filled in) survives.
 * `settled` resolves when the current load has finished.
 * @internal shared by the survey elements
 */
export class SurveyDataController implements ReactiveController {
  status: SurveyLoadStatus = 'idle';
  surveys: Array<Versioned<Survey>> = [];
  responses: SurveyResponse[] = [];
  error: string | undefined;
  settled: Promise<void> = Promise.resolve();

  private store: Store | undefined;
  private key = '';
  private unsubscribe: (() => void) | undefined;
  private generation = 0;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    private readonly getQuery: () => SurveyQuery,
  ) {
    host.addController(this);
  }

  /** The one survey asked for by id, with its stored version. */
  get survey(): Versioned<Survey> | undefined {
    const { surveyId } = this.getQuery();
    return surveyId ? this.surveys.find((s) => s.record.id === surveyId) : undefined;
  }

  /** The answer sheets of one survey. */
  responsesOf(surveyId: string): SurveyResponse[] {
    return this.responses.filter((r) => r.surveyId === surveyId);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
    this.key = '';
  }

  private sync(): void {
    const session = this.getSession();
    const query = this.getQuery();
    const key = JSON.stringify([query.surveyId ?? '', query.enquiryId ?? '', Boolean(query.responses), Boolean(session?.ready)]);
    if (session?.store === this.store && key === this.key) return;
    if (session?.store !== this.store) {
      this.unsubscribe?.();
      this.store = session?.store;
      this.unsubscribe = session?.store.subscribe((change) => {
        if (change.kind === 'reset') void this.reload();
        if (change.kind !== 'record') return;
        if (change.collection === 'surveys' || (change.collection === 'surveyResponses' && this.getQuery().responses)) void this.reload();
      });
    }
    this.key = key;
    void this.reload();
  }

  /** Loads the surveys (and responses) again. */
  reload(): Promise<void> {
    const generation = ++this.generation;
    const session = this.getSession();
    const query = this.getQuery();
    if (!session || !session.ready || (!query.surveyId && !query.enquiryId)) {
      this.status = 'idle';
      this.surveys = [];
      this.responses = [];
      this.host.requestUpdate();
      return (this.settled = Promise.resolve());
    }
    if (this.status !== 'ready') this.status = 'loading';
    this.host.requestUpdate();
    this.settled = (async () => {
      try {
        let surveys: Array<Versioned<Survey>>;
        if (query.surveyId) {
          const one = await session.store.get('surveys', query.surveyId);
          surveys = one ? [one] : [];
        } else {
          surveys = (await session.store.list('surveys')).filter((s) => s.record.enquiryId === query.enquiryId);
        }
        let responses: SurveyResponse[] = [];
        if (query.responses && surveys.length > 0) {
          const ids = new Set(surveys.map((s) => s.record.id));
          responses = (await session.store.list('surveyResponses')).map((r) => r.record).filter((r) => ids.has(r.surveyId));
        }
        if (generation !== this.generation) return;
        this.surveys = surveys;
        this.responses = responses;
        this.status = 'ready';
        this.error = undefined;
      } catch (error) {
        if (generation !== this.generation) return;
        this.status = 'error';
        this.error = error instanceof Error ? error.message : String(error);
      } finally {
        if (generation === this.generation) this.host.requestUpdate();
      }
    })();
    return this.settled;
  }
}
