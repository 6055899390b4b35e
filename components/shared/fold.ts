/**
 * Long notes folded: a note longer than a few lines shows its first lines and a "Show more"
 * button (with `aria-expanded`), so a 5,000-character observation is not a wall in a list, a card
 * or the history. The whole text is in the page all along (search, copy and screen readers reach
 * it); the button only unclamps it. Short notes are shown as they are.
 * @internal shared by the elements
 */
import { css, html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** Notes at least this long are folded (about six lines of a narrow column). */
export const FOLD_AT = 420;

/** Styles for {@link foldText}; add them to the host's `styles`. */
export const foldStyles = css`
  .fold-text {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .fold:not(.open) .fold-text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--plc-fold-lines, 6);
    line-clamp: var(--plc-fold-lines, 6);
    overflow: hidden;
  }
  .fold-toggle {
    margin-top: calc(var(--plc-space, 0.5rem) / 2);
  }
  .fold:not(.open) .fold-less,
  .fold.open .fold-more {
    display: none;
  }
`;

function toggle(event: Event): void {
  const button = event.currentTarget as HTMLButtonElement;
  const fold = button.closest('.fold');
  if (!fold) return;
  const open = fold.classList.toggle('open');
  button.setAttribute('aria-expanded', String(open));
}

/** `text`, folded to its first lines with "Show more" when it is long; `tag` is the element it is written in. */
export function foldText(text: string, tag: 'p' | 'div' = 'p'): TemplateResult | string {
  if (text.length < FOLD_AT) return tag === 'p' ? html`<p class="fold-text">${text}</p>` : text;
  return html`<div class="fold" part="fold">
    <p class="fold-text">${text}</p>
    <button type="button" class="link fold-toggle" aria-expanded="false" @click=${toggle}>
      <span class="fold-more">${msg('Show more', { id: 'fold.more' })}</span><span class="fold-less">${msg('Show less', { id: 'fold.less' })}</span>
    </button>
  </div>`;
}
