/**
 * One labelled text field of an editor's form: the label, a hint tied to the control, a
 * single-line input or a textarea, and the field's error when it has one (`aria-invalid`, the
 * error tied to the control after the hint). The editors' many fields share this one template.
 * @internal shared by the elements
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** What a text field shows and where its changes go. */
export interface TextFieldOptions {
  /** The control's id in the host's shadow root; the hint is `${id}-hint`, the error `${id}-error`. */
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  maxLength: number;
  /** A textarea of this many rows; a single-line text input when left out. */
  rows?: number | undefined;
  /** Extra classes on the field's wrapper (`main`). */
  fieldClass?: string | undefined;
  /** Whether the field can show an error: then `aria-invalid` is always set, and `error` tied to the control when there is one. */
  validated?: boolean | undefined;
  error?: string | undefined;
  onInput: (value: string) => void;
}

/** Renders a text field; the host keeps the value and re-renders on `onInput`. */
export function textField(options: TextFieldOptions): TemplateResult {
  const { id, error } = options;
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = options.validated ? (error ? 'true' : 'false') : undefined;
  const onInput = (event: Event) => options.onInput((event.target as HTMLInputElement).value);
  return html`<div class=${options.fieldClass ? `field ${options.fieldClass}` : 'field'}>
    <label for=${id}>${options.label}</label>
    ${options.hint ? html`<span class="hint" id=${`${id}-hint`}>${options.hint}</span>` : nothing}
    ${options.rows
      ? html`<textarea
          id=${id}
          rows=${options.rows}
          maxlength=${options.maxLength}
          aria-invalid=${ifDefined(invalid)}
          aria-describedby=${ifDefined(describedBy)}
          .value=${options.value}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          type="text"
          maxlength=${options.maxLength}
          aria-invalid=${ifDefined(invalid)}
          aria-describedby=${ifDefined(describedBy)}
          .value=${options.value}
          @input=${onInput}
        />`}
    ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
  </div>`;
}
