/**
 * Starter questions for a student-voice survey, derived from the driving question: when a topic
 * can be read from it ("... with written feedback?"), the starters name it.
 * @internal
 */
import { msg, str } from '@lit/localize';
import { surveyTopic } from '../../src/analysis/survey.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';

/** A suggested question, before it gets an id. */
export type Suggestion = Omit<SurveyQuestion, 'id'>;

const capitalise = (text: string) => text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());

/** How-often options, in the active language. */
export function frequencyOptions(): string[] {
  return [
    msg('Every lesson', { id: 'survey.builder.freq.every' }),
    msg('Most lessons', { id: 'survey.builder.freq.most' }),
    msg('Some lessons', { id: 'survey.builder.freq.some' }),
    msg('Rarely', { id: 'survey.builder.freq.rarely' }),
    msg('Never', { id: 'survey.builder.freq.never' }),
  ];
}

/** Four or five starter questions for the driving question, in the active language. */
export function suggestedQuestions(drivingQuestion: string): Suggestion[] {
  const topic = surveyTopic(drivingQuestion);
  const options = frequencyOptions();
  if (topic) {
    return [
      { type: 'agree', text: capitalise(msg(str`${topic} helps me to learn.`, { id: 'survey.builder.suggest.topic-helps' })) },
      { type: 'agree', text: capitalise(msg(str`I understand what I am meant to do with ${topic}.`, { id: 'survey.builder.suggest.topic-understand' })) },
      { type: 'choice', text: capitalise(msg(str`How often do you get time in lessons to use ${topic}?`, { id: 'survey.builder.suggest.topic-often' })), options },
      { type: 'text', text: capitalise(msg(str`What would make ${topic} more useful to you?`, { id: 'survey.builder.suggest.topic-better' })) },
    ];
  }
  return [
    { type: 'agree', text: msg('I know what I need to do to improve my work.', { id: 'survey.builder.suggest.improve' }) },
    { type: 'agree', text: msg('In these lessons I understand what I am learning and why.', { id: 'survey.builder.suggest.understand' }) },
    { type: 'choice', text: msg('How often do you get time in lessons to improve your work?', { id: 'survey.builder.suggest.often' }), options },
    { type: 'text', text: msg('What helps you learn best in these lessons?', { id: 'survey.builder.suggest.best' }) },
  ];
}
