import type { ReactiveControllerHost } from 'lit';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import type { Versioned } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';
import { StoreQueryController, type QueryStatus } from './store-query.js';

/** Where loading surveys stands. */
export type SurveyLoadStatus = QueryStatus;

/** Which surveys to load: one by id, or every survey of an enquiry. */
export interface SurveyQuery {
  surveyId?: string | undefined;
  enquiryId?: string | undefined;
  /** Also load the answer sheets (only ever aggregated by the elements; never shown one by one). */
  responses?: boolean;
}

interface SurveyData {
  surveys: Array<Versioned<Survey>>;
  responses: SurveyResponse[];
}

type Host = ReactiveControllerHost & HTMLElement;

async function loadSurveys(session: PlcSession, query: SurveyQuery): Promise<SurveyData> {
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
  return { surveys, responses };
}

/**
 * Loads survey records (and, when asked, their anonymous answer sheets) from the session's store
 * and follows changes: a teacher opening or closing a survey, a student submitting on another
 * tab, reloading at once. It reloads only when the store or the query changes, never because the
 * session object did, so an element's own state (a thank-you message, a form being filled in)
 * survives. `loaded` resolves when the current load has finished.
 * @internal shared by the survey elements
 */
export class SurveyDataController {
  private readonly query: StoreQueryController<SurveyData>;

  constructor(
    host: Host,
    getSession: () => PlcSession | undefined,
    private readonly getQuery: () => SurveyQuery,
  ) {
    this.query = new StoreQueryController(host, getSession, {
      key: () => {
        const query = this.getQuery();
        if (!query.surveyId && !query.enquiryId) return undefined;
        return JSON.stringify([query.surveyId ?? '', query.enquiryId ?? '', Boolean(query.responses)]);
      },
      load: (session) => loadSurveys(session, this.getQuery()),
      affects: (change) =>
        change.kind === 'record' && (change.collection === 'surveys' || (change.collection === 'surveyResponses' && Boolean(this.getQuery().responses))),
      delay: 0,
    });
  }

  get status(): SurveyLoadStatus {
    return this.query.status;
  }

  /** The surveys loaded (none while idle). */
  get surveys(): Array<Versioned<Survey>> {
    return this.query.value?.surveys ?? [];
  }

  /** The answer sheets loaded, when the query asks for them. */
  get responses(): SurveyResponse[] {
    return this.query.value?.responses ?? [];
  }

  get error(): string | undefined {
    return this.query.error;
  }

  /** Resolves when the current load has finished. */
  get loaded(): Promise<void> {
    return this.query.loaded;
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

  /** Loads the surveys (and responses) again. */
  reload(): Promise<void> {
    return this.query.reload();
  }
}
