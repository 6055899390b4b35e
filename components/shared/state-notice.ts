/**
 * The message an element shows in place of its content while it cannot show it: loading, nothing
 * chosen, no one signed in, not found, or failed to load.
 * @internal shared by the elements
 */
import { css, html, type TemplateResult } from 'lit';
import type { EnquiryController, EnquiryView } from '../controllers/enquiry-controller.js';

/** Styles for {@link stateNotice}; add them to the host's `styles`. */
export const stateNoticeStyles = css`
  .state {
    padding: calc(var(--plc-space, 0.5rem) * 2);
  }
`;

/** A state message (`part="state"`): a status, or an alert when it reports an error. */
export function stateNotice(text: string, error = false): TemplateResult {
  return html`<div class="state ${error ? 'notice error' : 'empty'}" part="state" role=${error ? 'alert' : 'status'}>${text}</div>`;
}

/**
 * What an element says for each reason its enquiry cannot be shown, in its own words (functions,
 * so only the message shown is looked up); `error` is given the load error.
 */
export type EnquiryStateTexts = {
  [View in Exclude<EnquiryView, 'ready'>]: View extends 'error' ? (error: string) => string : () => string;
};

/** The state message of an element whose enquiry cannot be shown yet, or undefined when it can. */
export function enquiryStateNotice(enquiry: EnquiryController, texts: EnquiryStateTexts): TemplateResult | undefined {
  const view = enquiry.view;
  if (view === 'ready') return undefined;
  if (view === 'error') return stateNotice(texts.error(enquiry.error ?? ''), true);
  return stateNotice(texts[view]());
}
