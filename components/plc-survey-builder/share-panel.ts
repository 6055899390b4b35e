/**
 * Sharing an open survey with a class (part of `<plc-survey-builder>`): with a server, the
 * survey's short code, its QR code (drawn here as SVG from the link, no network) and link, and a
 * full-screen "show to the class" view with a live count of answers (a count only, never an
 * answer); without a server, the class-page link and snippet, and the kiosk mode that lets
 * students answer one after another on this device.
 * @internal
 */
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { encode } from 'uqr';
import { displaySurveyCode } from '../../src/schema/surveyCode.js';
import type { Survey } from '../../src/schema/directory.js';
import type { SurveyResults } from '../../src/analysis/survey.js';
import type { PlcSession } from '../context/session.js';
import { heading } from '../shared/heading.js';
import { responsesText } from '../shared/survey-labels.js';

/** How often the class view asks the server for the count. */
const COUNT_EVERY_MS = 3_000;
/** How often the sharing page asks for the results. */
const RESULTS_EVERY_MS = 6_000;

/** A survey's link on the server, as the survey-token route gives it. */
export interface SurveyLinkInfo {
  code: string;
  url: string;
}

type LinkState = { status: 'idle' } | { status: 'loading'; surveyId: string } | { status: 'ready'; surveyId: string; link: SurveyLinkInfo } | { status: 'error'; surveyId: string; message: string };

/**
 * Fetches the survey's code from the server once per survey, and the live count while the class
 * view is open. Without a server it does nothing: the count comes from the store.
 */
export class SurveyShareController implements ReactiveController {
  link: LinkState = { status: 'idle' };
  /** The server's count while polling; `undefined` before the first answer from the server. */
  serverCount: number | undefined;
  /** The server's aggregated results while polling them. */
  serverResults: SurveyResults | undefined;
  /** Earlier surveys' results from the server, to compare with. */
  readonly earlierResults = new Map<string, SurveyResults>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => PlcSession | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopCounting();
  }

  /** Asks the server for the survey's code and link, unless it has them already. */
  async ensureLink(surveyId: string): Promise<void> {
    const server = this.session()?.server;
    if (!server || (this.link.status !== 'idle' && this.link.status !== 'error' && this.link.surveyId === surveyId)) return;
    this.link = { status: 'loading', surveyId };
    this.host.requestUpdate();
    try {
      const response = await server.request(`/v1/surveys/${encodeURIComponent(surveyId)}/tokens`, { method: 'POST', body: '{}' });
      const body = (await response.json()) as { code?: string; studentPath?: string; message?: string };
      if (!response.ok || !body.code || !body.studentPath) throw new Error(body.message ?? `The server answered ${response.status}.`);
      this.link = { status: 'ready', surveyId, link: { code: body.code, url: new URL(body.studentPath, `${server.url}/`).href } };
    } catch (error) {
      this.link = { status: 'error', surveyId, message: error instanceof Error ? error.message : String(error) };
    }
    this.host.requestUpdate();
  }

  /**
   * Polls the server while a survey is managed: its aggregated results (thresholds applied by
   * the server) on the sharing page, or only the number of answers in the class view.
   */
  watch(surveyId: string, what: 'results' | 'count'): void {
    this.stopCounting();
    const server = this.session()?.server;
    if (!server) return;
    const path = `/v1/surveys/${encodeURIComponent(surveyId)}/${what}`;
    const poll = async () => {
      try {
        const response = await server.request(path, { cache: 'no-store' });
        if (!response.ok) return;
        const body = (await response.json()) as SurveyResults;
        this.serverCount = body.responseCount;
        if (what === 'results') this.serverResults = body;
        this.host.requestUpdate();
      } catch {
        // Offline for a moment: the last figures stay on screen.
      }
    };
    void poll();
    this.timer = setInterval(() => void poll(), what === 'count' ? COUNT_EVERY_MS : RESULTS_EVERY_MS);
  }

  /** Reads an earlier survey's results once, to compare the current one with. */
  async loadEarlier(surveyId: string): Promise<void> {
    const server = this.session()?.server;
    if (!server || this.earlierResults.has(surveyId)) return;
    try {
      const response = await server.request(`/v1/surveys/${encodeURIComponent(surveyId)}/results`);
      if (response.ok) this.earlierResults.set(surveyId, (await response.json()) as SurveyResults);
    } catch {
      // Offline: no comparison until the next choice.
    }
    this.host.requestUpdate();
  }

  stopCounting(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * A QR code for `text` as inline SVG: dark modules as one path, on a light square with the quiet
 * zone the standard asks for, so any phone camera reads it from the screen.
 */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const quiet = 4;
  const box = size + quiet * 2;
  return html`<svg class="qr" part="qr" role="img" aria-label=${label} viewBox="${-quiet} ${-quiet} ${box} ${box}" shape-rendering="crispEdges">
    ${svg`<rect x=${-quiet} y=${-quiet} width=${box} height=${box} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
  </svg>`;
}

/** What the panel needs from the builder. */
export interface SharePanelContext {
  survey: Survey;
  level: number;
  share: SurveyShareController;
  /** The class-page link (no server): the page where `<plc-survey-response>` is placed. */
  classPageUrl: string;
  /** Answers counted on this device (no server) or by the server. */
  count: number;
  copy(text: string): void;
  showToClass(): void;
  startKiosk(): void;
  hasServer: boolean;
}

/** The sharing panel of an open survey. */
export function renderSharePanel(ctx: SharePanelContext) {
  const { survey } = ctx;
  const intro = html`<p>${msg('Students answer anonymously through this link: no names, no accounts.', { id: 'survey.builder.share-intro' })}</p>`;
  if (!ctx.hasServer) {
    const snippet = `<plc-survey-response survey-id="${survey.id}"></plc-survey-response>`;
    return html`<div class="card share" part="share">
      ${heading(ctx.level, html`${msg('Share with your class', { id: 'survey.builder.share' })}`)}
      <p>
        ${msg('Without a plc-kit server, answers stay on this device: students answer here, one after another, in kiosk mode.', {
          id: 'survey.builder.kiosk-intro',
        })}
      </p>
      <div class="actions">
        <button class="primary" @click=${ctx.startKiosk}>${msg('Answer on this device (kiosk mode)', { id: 'survey.builder.kiosk' })}</button>
      </div>
      <dl>
        <dt><label for="sv-link">${msg('Link for a class page on this site', { id: 'survey.builder.link-local' })}</label></dt>
        <dd class="copy-row">
          <input id="sv-link" readonly .value=${ctx.classPageUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button @click=${() => ctx.copy(ctx.classPageUrl)}>${msg('Copy the link', { id: 'survey.builder.copy-link' })}</button>
        </dd>
        <dt><label for="sv-snippet">${msg('To place the survey on a class page', { id: 'survey.builder.snippet' })}</label></dt>
        <dd class="copy-row">
          <textarea id="sv-snippet" readonly .value=${snippet} @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}></textarea>
          <button @click=${() => ctx.copy(snippet)}>${msg('Copy the code', { id: 'survey.builder.copy-snippet' })}</button>
        </dd>
      </dl>
    </div>`;
  }
  const state = ctx.share.link;
  if (state.status !== 'ready') {
    return html`<div class="card share" part="share">
      ${heading(ctx.level, html`${msg('Share with your class', { id: 'survey.builder.share' })}`)} ${intro}
      ${state.status === 'error'
        ? html`<p class="notice error" role="alert">${msg(str`The survey's code could not be fetched: ${state.message}`, { id: 'survey.builder.code-error' })}</p>`
        : html`<p class="muted" role="status">${msg('Getting the survey’s code…', { id: 'survey.builder.code-loading' })}</p>`}
    </div>`;
  }
  const { code, url } = state.link;
  return html`<div class="card share" part="share">
    ${heading(ctx.level, html`${msg('Share with your class', { id: 'survey.builder.share' })}`)} ${intro}
    <div class="share-grid">
      <dl>
        <dt>${msg('Survey code', { id: 'survey.builder.code' })}</dt>
        <dd class="code" aria-label=${code.split('').join(' ')}>${displaySurveyCode(code)}</dd>
        <dt><label for="sv-link">${msg('Link for students', { id: 'survey.builder.link' })}</label></dt>
        <dd class="copy-row">
          <input id="sv-link" readonly .value=${url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button @click=${() => ctx.copy(url)}>${msg('Copy the link', { id: 'survey.builder.copy-link' })}</button>
        </dd>
      </dl>
      ${qrCode(url, msg(str`QR code of the link ${url}`, { id: 'survey.builder.qr' }))}
    </div>
    <div class="actions">
      <button class="primary" @click=${ctx.showToClass}>${msg('Show to the class', { id: 'survey.builder.show-class' })}</button>
    </div>
  </div>`;
}

/** The full-screen view for the class: the code, the QR code, the link and the number of answers. */
export function renderClassView(ctx: SharePanelContext & { close(): void }) {
  const state = ctx.share.link;
  const link = state.status === 'ready' ? state.link : undefined;
  return html`<dialog class="class-view" part="class-view" aria-labelledby="sv-class-title" @close=${ctx.close} @cancel=${ctx.close}>
    <h2 id="sv-class-title" tabindex="-1">${ctx.survey.title}</h2>
    ${link
      ? html`<div class="class-grid">
          <div>
            <p class="class-label">${msg('Go to', { id: 'survey.builder.class-go' })}</p>
            <p class="class-url">${link.url.replace(/^https?:\/\//, '').replace(/\/s\/[^/]+$/, '/s')}</p>
            <p class="class-label">${msg('and type the code', { id: 'survey.builder.class-type' })}</p>
            <p class="class-code" aria-label=${link.code.split('').join(' ')}>${displaySurveyCode(link.code)}</p>
          </div>
          ${qrCode(link.url, msg(str`QR code of the link ${link.url}`, { id: 'survey.builder.qr' }))}
        </div>`
      : nothing}
    <p class="class-count" role="status" aria-live="polite">${responsesText(ctx.count)}</p>
    <form method="dialog"><button class="primary">${msg('Close the class view', { id: 'survey.builder.class-close' })}</button></form>
  </dialog>`;
}
