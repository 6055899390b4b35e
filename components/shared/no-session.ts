/**
 * What an element shows while it has no session: "Loading…" while the `<plc-provider>` around it
 * is still opening its store (it answers at once, with no session yet), else the way on for an
 * element placed outside any provider. One place, so no element shows the second for the first:
 * a teacher opening the app on a slow tablet saw "Place this element inside <plc-provider>" for
 * a second before every view.
 * @internal
 */
import { html, type TemplateResult } from 'lit';
import { loadingText } from '../strings.js';

export function noSessionNotice(providerOpening: boolean, warning: () => string, loading: () => string = loadingText): TemplateResult {
  return providerOpening ? html`<p class="muted" role="status">${loading()}</p>` : html`<p class="notice warning" role="status">${warning()}</p>`;
}
