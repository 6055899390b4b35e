/**
 * The one conflict screen of every editor of versioned records: shown when someone else saved
 * the record after the person's draft started. It says so (or that they deleted it), names the
 * fields they changed, says that nothing typed is lost, and offers the two ways on: keep mine
 * (save over theirs) or take theirs (drop mine). Focus goes to it when it appears (the editor
 * moves it there, by its id).
 *
 * It reads a {@link RecordConflict}, which keeps their version and the one the draft started
 * from: the field-by-field choice with the differences marked (issue 16) grows from here.
 * @internal shared by the editors
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { RecordConflict } from '../controllers/record-editor.js';

/** Styles for {@link conflictView}; add them to the host's `styles`. */
export const conflictViewStyles = css`
  .conflict ul {
    margin-block: 0 var(--plc-space, 0.5rem);
  }
  .conflict:focus {
    outline: none;
  }
  .conflict:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
`;

/** What the conflict view needs from its editor. */
export interface ConflictViewEditor {
  conflict: RecordConflict<unknown> | undefined;
  saving: boolean;
  fieldLabel(key: string): string;
}

/** The conflict notice of `editor`, when it has a conflict (else nothing). */
export function conflictView(
  editor: ConflictViewEditor,
  options: { keepMine: () => unknown; takeTheirs: () => unknown; id?: string },
): TemplateResult | typeof nothing {
  const conflict = editor.conflict;
  if (!conflict) return nothing;
  const deleted = conflict.theirs === undefined;
  return html`<div class="notice warning conflict" part="conflict" role="alert" id=${options.id ?? 'conflict'} tabindex="-1">
    <p>
      <strong
        >${deleted
          ? msg('Someone else deleted this while you were editing it.', { id: 'conflict.deleted' })
          : msg('Someone else saved this while you were editing it.', { id: 'conflict.saved' })}</strong
      >
    </p>
    ${!deleted && conflict.changed.length > 0
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
