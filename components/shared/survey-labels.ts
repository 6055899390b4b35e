/**
 * Names the survey elements share (the agreement scale, question types, the anonymity notices),
 * all from the locale catalogue.
 * @internal
 */
import { msg, str } from '@lit/localize';
import type { AgreeLevel } from '../../src/analysis/survey.js';
import { MIN_GROUP_SIZE, MIN_TEXT_GROUP_SIZE } from '../../src/analysis/survey.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';

/** The label of a point of the agreement scale. */
export function agreeLabel(level: AgreeLevel): string {
  switch (level) {
    case 'strongly-disagree':
      return msg('Strongly disagree', { id: 'survey.agree.strongly-disagree' });
    case 'disagree':
      return msg('Disagree', { id: 'survey.agree.disagree' });
    case 'neutral':
      return msg('Neither agree nor disagree', { id: 'survey.agree.neutral' });
    case 'agree':
      return msg('Agree', { id: 'survey.agree.agree' });
    default:
      return msg('Strongly agree', { id: 'survey.agree.strongly-agree' });
  }
}

/** The name of a question type. */
export function questionTypeLabel(type: SurveyQuestion['type']): string {
  switch (type) {
    case 'agree':
      return msg('Agree / disagree scale', { id: 'survey.type.agree' });
    case 'choice':
      return msg('Multiple choice', { id: 'survey.type.choice' });
    default:
      return msg('Short comment', { id: 'survey.type.text' });
  }
}

/** The notice shown in place of results for a group that is too small. */
export const suppressedText = (): string =>
  msg(str`Fewer than ${MIN_GROUP_SIZE} responses: hidden to keep answers anonymous`, { id: 'survey.suppressed' });

/** The notice shown in place of free-text answers while too few people have written one. */
export const suppressedCommentsText = (): string =>
  msg(str`Fewer than ${MIN_TEXT_GROUP_SIZE} comments: hidden to keep answers anonymous`, { id: 'survey.suppressed-comments' });

/** "n responses". */
export const responsesText = (count: number): string =>
  count === 1 ? msg('1 response', { id: 'survey.responses.one' }) : msg(str`${count} responses`, { id: 'survey.responses.many' });

/** The name of a survey's status. */
export function surveyStatusLabel(status: 'draft' | 'open' | 'closed'): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'survey.status.draft' });
    case 'open':
      return msg('Open for answers', { id: 'survey.status.open' });
    default:
      return msg('Closed', { id: 'survey.status.closed' });
  }
}
