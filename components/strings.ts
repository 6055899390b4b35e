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
