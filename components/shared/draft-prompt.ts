/**
 * The restore prompt every editor shares: "Unsaved changes from 10:42: restore them or discard
 * them", shown when a draft kept on this device (after a reload, a crash or a closed tab) differs
 * from what is saved. Restoring fills the form with it; discarding forgets it.
 * @internal shared by the editors
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { DraftController } from '../controllers/draft-controller.js';
import { formatTimeOrDate } from '../localization.js';

/** Styles for {@link draftPrompt}; add them to the host's `styles`. */
export const draftPromptStyles = css`
  .draft-prompt {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
  }
  .draft-prompt p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .draft-prompt:focus {
    outline: none;
  }
  .draft-prompt:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
`;

/** The restore prompt of `drafts`, while it offers a kept draft (else nothing). */
export function draftPrompt(
  drafts: DraftController<unknown>,
  options: { restore: () => unknown; discard: () => unknown; id?: string },
): TemplateResult | typeof nothing {
  const offer = drafts.offer;
  if (!offer) return nothing;
  const when = formatTimeOrDate(offer.savedAt);
  const id = options.id ?? 'draft-prompt';
  return html`<div class="notice warning draft-prompt" part="draft-prompt" role="region" aria-labelledby=${`${id}-text`} id=${id} tabindex="-1">
    <p id=${`${id}-text`}>
      <strong>${msg(str`Unsaved changes from ${when}.`, { id: 'drafts.offer' })}</strong>
      ${msg('They were kept on this device. Restore them to carry on, or discard them.', { id: 'drafts.offer.hint' })}
    </p>
    <button type="button" class="primary" @click=${() => void options.restore()}>${msg('Restore', { id: 'drafts.restore' })}</button>
    <button type="button" @click=${() => void options.discard()}>${msg('Discard', { id: 'drafts.discard' })}</button>
  </div>`;
}
