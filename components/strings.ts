/**
 * Names the person sees that many elements share: statuses and roles, from the locale catalogue
 * (ids `common.*`); and the names of stages and evidence kinds, which their descriptions carry
 * (components/stages, components/evidence). Refusal reasons are in refusal-text.ts.
 */
import { msg } from '@lit/localize';
import { evidenceKindLabel, stageLabel } from './context/views.js';

export { evidenceKindLabel, stageLabel };

/** The name of an enquiry's overall status. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'active':
      return msg('In progress', { id: 'common.status.active' });
    case 'paused':
      return msg('Paused', { id: 'common.status.paused' });
    case 'withdrawn':
      return msg('Withdrawn', { id: 'common.status.withdrawn' });
    case 'archived':
      return msg('Archived', { id: 'common.status.archived' });
    default:
      return msg('Not started', { id: 'common.status.new' });
  }
}

/** "enquiry" in the active language (en-US says "inquiry"). */
export const enquiryWord = (): string => msg('enquiry', { id: 'common.enquiry' });

// Texts several elements show alike: one message each, so each view's file does not carry its own copy.

/** Said by an element outside any `<plc-provider>`. */
export const needsProviderText = (): string => msg('This element needs a plc-provider around it.', { id: 'common.no-provider' });

/** Said while something loads and there is nothing more particular to say. */
export const loadingText = (): string => msg('Loading…', { id: 'common.loading' });

/** Said by a view outside any `<plc-provider>`, with the way on. */
export const placeInProviderText = (): string =>
  msg('Place this element inside <plc-provider> (or use <plc-app>) so it can reach your school’s data.', { id: 'common.place-in-provider' });

/** Said by an element that shows a cycle when none is set or active. */
export const noCycleText = (): string => msg('No cycle chosen: set cycle-id, or choose a cycle in the provider.', { id: 'common.no-cycle' });

/** The button that loads or sends again after a failure. */
export const tryAgainText = (): string => msg('Try again', { id: 'common.retry' });
