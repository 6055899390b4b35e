/**
 * The one conflict screen of every editor: shown when someone else saved what the person was
 * editing after their draft started (or deleted it). It says so, shows each field they changed
 * side by side (yours and theirs, the words only one of them has marked), says that nothing typed
 * is lost, and offers three ways on: keep mine (save over theirs), take theirs (drop mine), or
 * field by field ("Use theirs" under a field, then keep mine as it now reads). Focus goes to it
 * when it appears (the editor moves it there, by its id).
 *
 * Editors of versioned records pass their {@link RecordEditorController}; the driving-question
 * editor passes its own adapter. An editor that keeps drafts on the device (`kept`) also shows
 * its restore prompt here, above the conflict.
 * @internal shared by the editors
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { RecordConflict } from '../controllers/record-editor.js';
import type { DraftController } from '../controllers/draft-controller.js';
import { draftPrompt, draftPromptStyles } from './draft-prompt.js';
import { isText, valueText, wordDiff, type DiffPart } from './word-diff.js';

/** Styles for {@link conflictView}; add them to the host's `styles`. */
export const conflictViewStyles = [
  draftPromptStyles,
  css`
    .conflict ul {
      margin-block: 0 var(--plc-space, 0.5rem);
    }
    .conflict:focus {
      outline: none;
    }
    .conflict:focus-visible {
      outline: 3px solid var(--plc-color-focus, #b45309);
    }
    .conflict-fields {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--plc-space, 0.5rem);
      margin-block: var(--plc-space, 0.5rem);
    }
    .conflict-field {
      border-top: 1px solid var(--plc-color-border, #d0d5dd);
      padding-top: var(--plc-space, 0.5rem);
    }
    .conflict-field > p {
      margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
      font-weight: 600;
    }
    .versions {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: var(--plc-space, 0.5rem);
    }
    .version {
      margin: 0;
      padding: calc(var(--plc-space, 0.5rem) / 2);
      border-radius: var(--plc-radius, 4px);
      background: var(--plc-color-surface, #fff);
      color: var(--plc-color-text, #1d2939);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .version dt {
      font-size: 0.875em;
      color: var(--plc-color-text-muted, #475467);
    }
    .version dd {
      margin: 0;
    }
    .version mark {
      background: var(--plc-color-highlight, #fde68a);
      /* Dark text on the light highlight in both schemes: inherited, a dark theme's light text
         would be unreadable on it (axe found 1.09:1). */
      color: var(--plc-color-highlight-text, #1d2939);
      text-decoration: underline;
    }
    .same {
      color: var(--plc-color-text-muted, #475467);
    }
  `,
];

/** What the conflict view needs from its editor. */
export interface ConflictViewEditor {
  conflict: RecordConflict<unknown> | undefined;
  saving: boolean;
  fieldLabel(key: string): string;
  /** A field's value in the person's draft and in their version, for the field-by-field choice. */
  fieldValues?(key: string): { mine: unknown; theirs: unknown };
  /** Puts their value of one field into the draft ("Use theirs"). */
  takeField?(key: string): void;
  /** The drafts the editor keeps on the device: their restore prompt is shown here too. */
  kept?: DraftController<unknown>;
  restoreDraft?(): void;
}

const marks = (parts: readonly DiffPart[], empty: string) =>
  parts.length === 0 ? html`<span class="same">${empty}</span>` : parts.map((part) => (part.changed ? html`<mark>${part.text}</mark>` : part.text));

function fieldChoice(editor: ConflictViewEditor, key: string, index: number): TemplateResult {
  const values = editor.fieldValues!(key);
  const mine = valueText(values.mine);
  const theirs = valueText(values.theirs);
  const diff = wordDiff(mine, theirs);
  const label = editor.fieldLabel(key);
  const empty = msg('(empty)', { id: 'conflict.empty' });
  const same = JSON.stringify(values.mine) === JSON.stringify(values.theirs);
  const text = isText(values.mine ?? '') && isText(values.theirs ?? '');
  return html`<li class="conflict-field" data-field=${key}>
    <p id=${`conflict-field-${index}`}>${label}</p>
    ${same
      ? html`<p class="same">${msg('Yours now reads the same as theirs.', { id: 'conflict.same' })}</p>`
      : html`${text
            ? html`<dl class="versions" aria-labelledby=${`conflict-field-${index}`}>
            <div class="version mine"><dt>${msg('Yours', { id: 'conflict.yours' })}</dt><dd>${marks(diff.mine, empty)}</dd></div>
            <div class="version theirs"><dt>${msg('Theirs', { id: 'conflict.theirs' })}</dt><dd>${marks(diff.theirs, empty)}</dd></div>
          </dl>`
            : html`<p>${msg('They changed this.', { id: 'conflict.changed-this' })}</p>`}
          ${editor.takeField
            ? html`<button type="button" ?disabled=${editor.saving} @click=${() => editor.takeField!(key)}>
                ${msg(str`Use theirs for “${label}”`, { id: 'conflict.use-theirs' })}
              </button>`
            : nothing}`}
  </li>`;
}

/** The restore prompt and the conflict notice of `editor`, when it has them (else nothing). */
export function conflictView(
  editor: ConflictViewEditor,
  options: { keepMine: () => unknown; takeTheirs: () => unknown; id?: string },
): TemplateResult | typeof nothing {
  const kept = editor.kept;
  const prompt = kept && editor.restoreDraft ? draftPrompt(kept, { restore: () => editor.restoreDraft!(), discard: () => kept.discard(), id: `${options.id ?? 'conflict'}-draft` }) : nothing;
  const conflict = editor.conflict;
  if (!conflict) return prompt;
  const deleted = conflict.theirs === undefined;
  const byField = !deleted && conflict.changed.length > 0 && editor.fieldValues !== undefined;
  return html`${prompt}<div class="notice warning conflict" part="conflict" role="alert" id=${options.id ?? 'conflict'} tabindex="-1">
    <p>
      <strong
        >${deleted
          ? msg('Someone else deleted this while you were editing it.', { id: 'conflict.deleted' })
          : msg('Someone else saved this while you were editing it.', { id: 'conflict.saved' })}</strong
      >
    </p>
    ${byField
      ? html`<p>${msg('They changed these, the words only one version has marked. Choose field by field, or keep one version whole:', { id: 'conflict.by-field' })}</p>
          <ul class="conflict-fields">
            ${conflict.changed.map((key, index) => fieldChoice(editor, key, index))}
          </ul>`
      : !deleted && conflict.changed.length > 0
        ? html`<p>${msg('They changed:', { id: 'conflict.changed' })}</p>
            <ul>
              ${conflict.changed.map((key) => html`<li>${editor.fieldLabel(key)}</li>`)}
            </ul>`
        : nothing}
    <p>${msg('Nothing was saved. What you typed is still here.', { id: 'conflict.kept' })}</p>
    <div class="actions">
      <button type="button" class="primary" ?disabled=${editor.saving} @click=${() => void options.keepMine()}>
        ${deleted ? msg('Keep mine (save it again)', { id: 'conflict.keep-mine-deleted' }) : msg('Keep mine (save over theirs)', { id: 'conflict.keep-mine' })}
      </button>
      ${deleted
        ? nothing
        : html`<button type="button" ?disabled=${editor.saving} @click=${() => void options.takeTheirs()}>
            ${msg('Take theirs (discard mine)', { id: 'conflict.take-theirs' })}
          </button>`}
    </div>
  </div>`;
}
