/**
 * A list a person builds row by row (planned actions, success criteria, findings,
 * recommendations): one labelled text field per row, a Remove button on each, and an Add button.
 * Enter in a row adds the next row; focus follows what was added or removed, so the list works
 * with the keyboard alone. Internal to plc-kit's editors: the labels come from the caller's
 * catalogue area.
 */
import { css, html, type LitElement, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** What a list field shows and where its changes go. */
export interface ListFieldOptions {
  /** The host element, for moving focus after a row is added or removed. */
  host: LitElement;
  /** A unique id prefix inside the host's shadow root; rows get `${id}-0`, `${id}-1`, ... */
  id: string;
  legend: string;
  hint?: string | undefined;
  items: readonly string[];
  /** The label of row `n` (1-based), e.g. "Action 2". */
  itemLabel: (n: number) => string;
  /** The visible text of every Remove button (the row's label follows it, visually hidden). */
  removeText: string;
  addText: string;
  maxLength: number;
  /** An error tied to the whole list, if any. */
  error?: string | undefined;
  disabled?: boolean | undefined;
  onChange: (items: string[]) => void;
}

function focusLater(host: LitElement, id: string): void {
  void host.updateComplete.then(() => (host.shadowRoot?.getElementById(id) as HTMLElement | null)?.focus());
}

/** Renders a list field; the host keeps the items and re-renders on `onChange`. */
export function listField(options: ListFieldOptions): TemplateResult {
  const { host, id, items } = options;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [options.hint ? hintId : '', options.error ? errorId : ''].filter(Boolean).join(' ');
  const add = (at = items.length) => {
    const next = [...items];
    next.splice(at, 0, '');
    options.onChange(next);
    focusLater(host, `${id}-${at}`);
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    options.onChange(next);
    focusLater(host, next.length === 0 ? `${id}-add` : `${id}-${Math.min(index, next.length - 1)}`);
  };
  const edit = (index: number, value: string) => options.onChange(items.map((item, i) => (i === index ? value : item)));
  const onKey = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    add(index + 1);
  };
  return html`
    <fieldset class="list-field" part="list-field" aria-describedby=${ifDefined(describedBy || undefined)}>
      <legend>${options.legend}</legend>
      ${options.hint ? html`<p class="hint" id=${hintId}>${options.hint}</p>` : ''}
      ${items.length
        ? html`<ol class="list-rows">
            ${items.map(
              (item, index) => html`<li class="list-row">
                <label class="visually-hidden" for=${`${id}-${index}`}>${options.itemLabel(index + 1)}</label>
                <input
                  id=${`${id}-${index}`}
                  type="text"
                  .value=${item}
                  maxlength=${options.maxLength}
                  ?disabled=${options.disabled}
                  @input=${(event: Event) => edit(index, (event.target as HTMLInputElement).value)}
                  @keydown=${(event: KeyboardEvent) => onKey(event, index)}
                />
                <button type="button" class="remove" ?disabled=${options.disabled} @click=${() => remove(index)}>
                  ${options.removeText}<span class="visually-hidden"> ${options.itemLabel(index + 1)}</span>
                </button>
              </li>`,
            )}
          </ol>`
        : ''}
      ${options.error ? html`<p class="field-error" id=${errorId}>${options.error}</p>` : ''}
      <button type="button" id=${`${id}-add`} class="add" ?disabled=${options.disabled} @click=${() => add()}>
        <span aria-hidden="true">+</span> ${options.addText}
      </button>
    </fieldset>
  `;
}

/** Styles for {@link listField}; add them to the host's `styles`. */
export const listFieldStyles = css`
  .list-rows {
    list-style: none;
    margin: 0 0 var(--plc-space, 0.5rem);
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .list-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
  }
  .list-row > input,
  .list-row > select {
    flex: 1 1 12rem;
    width: auto;
    min-width: 0;
  }
  .list-row > button {
    flex: none;
  }
`;
