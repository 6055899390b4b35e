/**
 * Parts of plc-survey-builder's page for an open or closed survey: the results (from the server or
 * this device) and an earlier survey's to compare them with, the choice of that earlier survey,
 * adding the results as evidence, kiosk mode and the class-page link. Rendering and figures from
 * what the element gives; the element keeps the state and the steps.
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { aggregateSurvey, toSurveyResults, MIN_GROUP_SIZE, type SurveyResults } from '../../src/analysis/survey.js';
import type { Survey } from '../../src/schema/directory.js';
import type { Versioned } from '../../src/store/store.js';
import type { EnquiryController } from '../controllers/enquiry-controller.js';
import type { SurveyDataController } from '../controllers/survey-data.js';
import { refusalText } from '../refusal-text.js';
import type { PlcSession } from '../context/session.js';
import type { SurveyShareController } from './share-panel.js';

/** Where a survey's figures come from: the server's aggregate, or the answers on this device. */
export interface ResultsSource {
  session: PlcSession | undefined;
  data: SurveyDataController;
  share: SurveyShareController;
}

/** With a server, its aggregated results (its thresholds applied); without, the answers on this device. */
export function aggregateOf(source: ResultsSource, survey: Survey): SurveyResults {
  if (source.session?.server) {
    const fromServer = source.share.serverResults;
    return fromServer && fromServer.surveyId === survey.id ? fromServer : aggregateSurvey(survey, []);
  }
  return aggregateSurvey(survey, source.data.responsesOf(survey.id));
}

/** The earlier survey's results (`compareWith`), as `<plc-survey-results>` takes them. */
export function earlierResults(source: ResultsSource, survey: Survey, compareWith: string | undefined) {
  const earlier = compareWith ? source.data.surveys.find((s) => s.record.id === compareWith)?.record : undefined;
  if (!earlier || earlier.id === survey.id) return undefined;
  const aggregate = source.session?.server ? source.share.earlierResults.get(earlier.id) : aggregateSurvey(earlier, source.data.responsesOf(earlier.id));
  if (!aggregate) return undefined;
  return { surveyId: earlier.id, title: earlier.title, questions: earlier.questions, responseCount: aggregate.responseCount, results: toSurveyResults(aggregate) };
}

/** The class page's link to a survey: `response-url` (or this page) with `?survey=<id>`. */
export function shareUrl(responseUrl: string | undefined, surveyId: string): string {
  try {
    const url = new URL(responseUrl || window.location.href, window.location.href);
    url.searchParams.set('survey', surveyId);
    url.hash = '';
    return url.href;
  } catch {
    return `?survey=${encodeURIComponent(surveyId)}`;
  }
}

/** The enquiry's other surveys with answers, to compare this one with (asked before a change). */
export function renderCompareChoice(surveys: ReadonlyArray<Versioned<Survey>>, survey: Survey, compareWith: string | undefined, choose: (surveyId: string | undefined) => void) {
  const others = surveys.filter((s) => s.record.id !== survey.id && s.record.status !== 'draft');
  if (!others.length) return nothing;
  return html`<p class="compare">
    <label for="sv-compare">${msg('Compare with an earlier survey', { id: 'survey.builder.compare' })}</label>
    <select id="sv-compare" @change=${(e: Event) => choose((e.target as HTMLSelectElement).value || undefined)}>
      <option value="" ?selected=${!compareWith}>${msg('No comparison', { id: 'survey.builder.compare-none' })}</option>
      ${others.map((s) => html`<option value=${s.record.id} ?selected=${compareWith === s.record.id}>${s.record.title}</option>`)}
    </select>
  </p>`;
}

/** Kiosk mode (no server): students answer one after another on this device. */
export function renderKiosk(surveyId: string, end: (surveyId: string) => void) {
  return html`<section class="kiosk" part="kiosk">
    <plc-survey-response kiosk survey-id=${surveyId}></plc-survey-response>
    <div class="actions">
      <button class="link" @click=${() => end(surveyId)}>${msg('End kiosk mode (teacher)', { id: 'survey.builder.kiosk-end' })}</button>
    </div>
  </section>`;
}

/** What adding a survey's results as evidence depends on. */
export interface EvidenceActionModel {
  survey: Survey;
  /** How many students answered. */
  count: number;
  /** Whether the results are on the evidence board already. */
  added: boolean;
  /** Whether the signed-in person may add evidence to the enquiry (who, not when). */
  canAddEvidence: boolean;
  /** The lifecycle's verdict on adding them now (asked only once they may be added). */
  check: () => ReturnType<EnquiryController['check']>;
  busy: boolean;
  session: PlcSession | undefined;
  add: () => void;
}

/** "Add results as evidence", or why not yet, or the notice that they are on the board. */
export function renderEvidenceAction(model: EvidenceActionModel) {
  const { survey, count } = model;
  if (model.added) {
    return html`<p class="notice success" id="sv-evidence-added" tabindex="-1">${msg('These results are on the evidence board.', { id: 'survey.builder.evidence-added' })}</p>`;
  }
  if (!model.canAddEvidence) return nothing;
  const ready = survey.status === 'closed' || count >= MIN_GROUP_SIZE;
  if (!ready) {
    return html`<p class="hint">
      ${msg(str`The results can be added as evidence once ${MIN_GROUP_SIZE} students have answered, or when the survey is closed.`, {
        id: 'survey.builder.evidence-not-ready',
      })}
    </p>`;
  }
  const verdict = model.check();
  return html`<div class="evidence-action">
    ${count < MIN_GROUP_SIZE
      ? html`<p class="notice warning">
          ${msg(str`Fewer than ${MIN_GROUP_SIZE} students answered, so the results will be hidden to keep answers anonymous.`, { id: 'survey.builder.evidence-small' })}
        </p>`
      : nothing}
    ${verdict.ok
      ? html`<div class="actions">
          <button class="primary" ?disabled=${model.busy} @click=${model.add}>${msg('Add results as evidence', { id: 'survey.builder.add-evidence' })}</button>
        </div>`
      : html`<p class="notice warning" id="sv-evidence-locked">
          ${msg('The results cannot be added as evidence yet:', { id: 'survey.builder.evidence-locked' })} ${refusalText(verdict.refusal, model.session?.views)}
        </p>`}
  </div>`;
}
