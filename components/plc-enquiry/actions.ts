/**
 * The steps the enquiry view offers as buttons: the current stage's (from its description: move
 * on, go back) and managing the enquiry (pause, resume, withdraw, archive), as the enquiry's
 * status allows. Which of them a person sees is the policy's say (the view filters them).
 * @internal
 */
import { msg } from '@lit/localize';
import type { EnquiryState } from '../../src/lifecycle/lifecycle.js';
import { textOf } from '../shared/text.js';
import type { StageStep, StageView } from '../stages/stage-view.js';

/** A step the enquiry view offers as a button. */
export interface ActionSpec {
  type: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  /** Asks before appending, with a reason field when `reasonLabel` is not empty. */
  confirm?: { title: string; text: string; button: string; reasonLabel: string; reasonRequired: boolean };
  /** Said in the live region once done (stage changes announce themselves). */
  done?: string;
}

function fromStep(step: StageStep): ActionSpec {
  const confirm = step.confirm;
  return {
    type: step.type,
    label: textOf(step.label),
    ...(step.primary ? { primary: true } : {}),
    ...(confirm
      ? {
          confirm: {
            title: textOf(confirm.title),
            text: textOf(confirm.text),
            button: textOf(confirm.button),
            reasonLabel: textOf(confirm.reasonLabel),
            reasonRequired: confirm.reasonRequired ?? false,
          },
        }
      : {}),
  };
}

/** The steps of a stage that move the enquiry on (when its description gives the button a label) or back. */
export function stageActions(view: StageView | undefined): ActionSpec[] {
  const advance = view?.advance?.label ? [fromStep({ ...view.advance, label: view.advance.label })] : [];
  return [...advance, ...(view?.back ?? []).map(fromStep)];
}

/** Pause, resume, withdraw and archive, as the enquiry's status allows. */
export function manageActions(state: EnquiryState): ActionSpec[] {
  const status = state.data.status;
  const archive: ActionSpec = {
    type: 'enquiry.archive',
    label: msg('Archive', { id: 'enquiry.action.archive' }),
    confirm: {
      title: msg('Archive this enquiry?', { id: 'enquiry.confirm.archive.title' }),
      text: msg('It can still be read, with its history, but nothing more can be added.', { id: 'enquiry.confirm.archive.text' }),
      button: msg('Archive', { id: 'enquiry.action.archive' }),
      reasonLabel: '',
      reasonRequired: false,
    },
    done: msg('Enquiry archived.', { id: 'enquiry.done.archive' }),
  };
  const withdraw: ActionSpec = {
    type: 'enquiry.withdraw',
    label: msg('Withdraw', { id: 'enquiry.action.withdraw' }),
    danger: true,
    confirm: {
      title: msg('Withdraw this enquiry?', { id: 'enquiry.confirm.withdraw.title' }),
      text: msg('It stops here for everyone in it and cannot be restarted. Its history is kept.', { id: 'enquiry.confirm.withdraw.text' }),
      button: msg('Withdraw the enquiry', { id: 'enquiry.confirm.withdraw.button' }),
      reasonLabel: msg('Why is it being withdrawn?', { id: 'enquiry.confirm.withdraw.reason' }),
      reasonRequired: true,
    },
    done: msg('Enquiry withdrawn.', { id: 'enquiry.done.withdraw' }),
  };
  if (status === 'paused') {
    return [{ type: 'enquiry.resume', label: msg('Resume', { id: 'enquiry.action.resume' }), primary: true, done: msg('Enquiry resumed.', { id: 'enquiry.done.resume' }) }, withdraw];
  }
  if (status === 'withdrawn') return [archive];
  if (status !== 'active') return [];
  if (state.stage === 'shared') return [archive];
  return [{ type: 'enquiry.pause', label: msg('Pause', { id: 'enquiry.action.pause' }), done: msg('Enquiry paused.', { id: 'enquiry.done.pause' }) }, withdraw];
}
