/**
 * What an element that reads from the plc-kit server shows until it can show its content: no
 * provider, no one signed in, no server (the embedded default), loading, offline or failed (with
 * Try again). One place, so each such element has every state and they all read alike.
 * @internal shared by plc-credentials and plc-celebrate
 */
import { html, type TemplateResult } from 'lit';
import type { PlcSession } from '../context/session.js';
import type { ServerQueryController } from '../controllers/server-query.js';
import { noSessionNotice } from './no-session.js';

/** The element's own words for each state (functions, so only the one shown is looked up). */
export interface ServerStateTexts {
  noProvider: () => string;
  noPerson: () => string;
  noServer: () => string;
  loading: () => string;
  offline: () => string;
  loadError: (problem: string) => string;
  retry: () => string;
}

/**
 * The state to show in place of the content, or undefined once the read has an answer to show;
 * `providerOpening` as the element's (see `noSessionNotice`).
 */
export function serverStateNotice(session: PlcSession | undefined, query: ServerQueryController<unknown>, texts: ServerStateTexts, providerOpening = false): TemplateResult | undefined {
  if (!session) return noSessionNotice(providerOpening, texts.noProvider, texts.loading);
  if (!session.person) return html`<p class="empty" role="status">${texts.noPerson()}</p>`;
  if (!session.server) return html`<p class="notice" role="status">${texts.noServer()}</p>`;
  if (query.status === 'loading' || query.status === 'no-server') return html`<p class="muted" role="status">${texts.loading()}</p>`;
  if (query.status === 'ready') return undefined;
  return html`<div class="notice error" role="alert">
    <p>${query.status === 'offline' ? texts.offline() : texts.loadError(query.problem)}</p>
    <button @click=${() => void query.refresh()}>${texts.retry()}</button>
  </div>`;
}
