/**
 * The driving-question checklist in the active language: each item is translated by its stable
 * code, with its parameters formatted for the locale (dates, evidence kinds). Every code the
 * checker can give has a case here (the switch is exhaustive, so a new code fails to compile
 * until it is translated), which keeps the checker's English table out of the editor's bundle.
 */
import { msg, str } from '@lit/localize';
import type { QuestionCheck } from '../../src/quality/index.js';
import { currentLocale, formatDate } from '../localization.js';
import { evidenceKindLabel } from '../strings.js';
// The built-in evidence kinds' names, forms and renderers, loaded with this element (context/views.ts).
import '../evidence/built-in.js';
import type { PlcViews } from '../context/views.js';

/** A list such as "a, b and c" in the active language. */
export function joinList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  try {
    return new Intl.ListFormat(currentLocale(), { style: 'long', type }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The message and hint of one checklist item in the active language (`views` names integrators' evidence kinds). */
export function checklistText(item: Pick<QuestionCheck, 'code' | 'params'>, views?: PlcViews): { message: string; hint: string } {
  const p = item.params;
  const n = (name: string) => String(p[name] ?? '');
  const kinds = () =>
    joinList(
      String(p['kinds'] ?? '')
        .split(', ')
        .filter(Boolean)
        .map((kind) => evidenceKindLabel(kind, views)),
    );
  switch (item.code) {
    case 'question-empty':
      return {
        message: msg('Write the driving question.', { id: 'question.check.question-empty' }),
        hint: msg('Start with "How", "What" or "To what extent", and name the students and the learning you want to change.', {
          id: 'question.check.question-empty.hint',
        }),
      };
    case 'open':
      return {
        message: msg('The question is open: it cannot be answered with yes or no.', { id: 'question.check.open' }),
        hint: msg('Keep it open, so the enquiry looks at how and why, not only whether.', { id: 'question.check.open.hint' }),
      };
    case 'closed-question':
      return {
        message: msg('The question can be answered with yes or no.', { id: 'question.check.closed-question' }),
        hint: msg('Rephrase it as an open question, e.g. "How can ...", "In what ways ..." or "To what extent ...".', {
          id: 'question.check.closed-question.hint',
        }),
      };
    case 'open-unclear':
      return {
        message: msg('The question starts like a yes/no question.', { id: 'question.check.open-unclear' }),
        hint: msg('Check that it invites more than yes or no; "How ..." or "To what extent ..." makes that clear.', {
          id: 'question.check.open-unclear.hint',
        }),
      };
    case 'not-a-question':
      return {
        message: msg('This is not phrased as a question yet.', { id: 'question.check.not-a-question' }),
        hint: msg('Turn it into a question that starts with "How", "What", "Why" or "To what extent".', {
          id: 'question.check.not-a-question.hint',
        }),
      };
    case 'about-learning':
      return {
        message: msg(str`The question is about student learning (${n('terms')}).`, { id: 'question.check.about-learning' }),
        hint: msg('Keep the students and their learning at the centre of the enquiry.', { id: 'question.check.about-learning.hint' }),
      };
    case 'not-about-learning':
      return {
        message: msg('The question does not say which students or what learning it is about.', { id: 'question.check.not-about-learning' }),
        hint: msg('Name the students (e.g. "Year 8 students") and what they will do differently, e.g. "engage with written feedback".', {
          id: 'question.check.not-about-learning.hint',
        }),
      };
    case 'actionable':
      return {
        message: msg(str`The plan has ${n('actions')} action(s) you can carry out within the cycle.`, { id: 'question.check.actionable' }),
        hint: msg('Try the actions early, so there is time to observe them and hear from students.', { id: 'question.check.actionable.hint' }),
      };
    case 'no-planned-actions':
      return {
        message: msg('No actions are planned yet.', { id: 'question.check.no-planned-actions' }),
        hint: msg('List one or two things you will try in your classroom, e.g. "Five minutes of feedback time at the start of each lesson".', {
          id: 'question.check.no-planned-actions.hint',
        }),
      };
    case 'too-sweeping':
      return {
        message: msg(str`The enquiry reaches too far ("${n('phrase')}").`, { id: 'question.check.too-sweeping' }),
        hint: msg('Narrow it to your own classes: one group of students, one strategy, one cycle.', { id: 'question.check.too-sweeping.hint' }),
      };
    case 'too-vague':
      return {
        message: msg(str`The enquiry is too general ("${n('phrase')}").`, { id: 'question.check.too-vague' }),
        hint: msg('Say which strategy you will try, with which students, and what you expect to change for them.', {
          id: 'question.check.too-vague.hint',
        }),
      };
    case 'cycle-ended':
      return {
        message: msg(str`The cycle ended on ${formatDate(n('cycleEndsOn'))}.`, { id: 'question.check.cycle-ended' }),
        hint: msg('Plan this enquiry for the next cycle.', { id: 'question.check.cycle-ended.hint' }),
      };
    case 'too-little-time':
      return {
        message: msg(
          str`The cycle ends on ${formatDate(n('cycleEndsOn'))}, ${n('daysLeft')} day(s) from now: too soon to try the actions and gather evidence.`,
          { id: 'question.check.too-little-time' },
        ),
        hint: msg('Choose one small action you can try straight away, or plan the enquiry for the next cycle.', {
          id: 'question.check.too-little-time.hint',
        }),
      };
    case 'too-many-actions':
      return {
        message: msg(str`${n('actions')} planned actions are more than the ${n('weeksLeft')} week(s) left in the cycle allow.`, {
          id: 'question.check.too-many-actions',
        }),
        hint: msg(str`Focus on the one or two actions that matter most; each needs about ${n('weeksPerAction')} weeks to try and observe.`, {
          id: 'question.check.too-many-actions.hint',
        }),
      };
    case 'success-criteria':
      return {
        message: msg(str`Success criteria are stated (${n('count')}).`, { id: 'question.check.success-criteria' }),
        hint: msg('Make each criterion something you could see or hear in a lesson or a survey.', { id: 'question.check.success-criteria.hint' }),
      };
    case 'no-success-criteria':
      return {
        message: msg('No success criteria yet: how will you know it worked?', { id: 'question.check.no-success-criteria' }),
        hint: msg('Describe what students will do differently, e.g. "Most students act on at least one comment in their next piece of work".', {
          id: 'question.check.no-success-criteria.hint',
        }),
      };
    case 'evidence-planned':
      return {
        message: msg(str`Evidence is planned: ${kinds()}.`, { id: 'question.check.evidence-planned' }),
        hint: msg('Gather a baseline before you start, so you can compare.', { id: 'question.check.evidence-planned.hint' }),
      };
    case 'no-evidence-planned':
      return {
        message: msg('No evidence is planned yet.', { id: 'question.check.no-evidence-planned' }),
        hint: msg('Name the evidence in advance: a student-voice survey, assessment data before and after, observations, work samples.', {
          id: 'question.check.no-evidence-planned.hint',
        }),
      };
    case 'student-voice-planned':
      return {
        message: msg('Student voice is planned.', { id: 'question.check.student-voice-planned' }),
        hint: msg('Keep the survey short and anonymous, and ask the same questions before and after.', {
          id: 'question.check.student-voice-planned.hint',
        }),
      };
    case 'no-student-voice':
      return {
        message: msg('No student voice is planned.', { id: 'question.check.no-student-voice' }),
        hint: msg('Add an anonymous student-voice survey: what students say is the first evidence of a change in learning.', {
          id: 'question.check.no-student-voice.hint',
        }),
      };
  }
}
