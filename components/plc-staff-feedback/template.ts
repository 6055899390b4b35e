/**
 * The staff feedback template in the reader's language: what may have helped (dedicated time,
 * peer observation, student voice, meetings, coaching), individual or group projects, and what
 * to change. The questions' structure and ids are the core's (`staffFeedbackQuestions`); only
 * the words are here. Both years of a comparison must use the same words, so a survey keeps the
 * wording it was made with.
 * @internal
 */
import { msg, str } from '@lit/localize';
import { staffFeedbackQuestions, type StaffFeedbackTexts } from '../../src/analysis/staffFeedback.js';
import type { Cycle } from '../../src/schema/directory.js';
import { staffSurveyIdOf, type StaffSurvey } from '../../src/schema/staffFeedback.js';
import { currentLocale } from '../localization.js';

/** The template's words, in the current language. */
export function staffFeedbackTexts(): StaffFeedbackTexts {
  return {
    helps: {
      'dedicated-time': msg('Having protected time for my enquiry made a real difference.', { id: 'feedback.help.dedicated-time' }),
      'peer-observation': msg('Observing colleagues, and being observed, helped my practice.', { id: 'feedback.help.peer-observation' }),
      'student-voice': msg('Hearing from students through surveys changed what I did in class.', { id: 'feedback.help.student-voice' }),
      meetings: msg('Our community meetings moved my work forward.', { id: 'feedback.help.meetings' }),
      coaching: msg('Coaching conversations helped me think my enquiry through.', { id: 'feedback.help.coaching' }),
    },
    projects: msg('Which way of working suited you better this year?', { id: 'feedback.projects' }),
    projectOptions: [
      msg('An individual project of my own', { id: 'feedback.projects.individual' }),
      msg('A group enquiry with colleagues', { id: 'feedback.projects.group' }),
      msg('Either would suit me', { id: 'feedback.projects.either' }),
    ],
    change: msg('What one thing should we change about the programme next year?', { id: 'feedback.change' }),
  };
}

const surveyLang = (): string => {
  const locale = currentLocale();
  return locale === 'en-US' ? 'en-US' : locale.startsWith('es') ? 'es' : 'en-GB';
};

/** This cycle's staff survey from the template, open, in the current language. */
export function staffSurveyFromTemplate(cycle: Pick<Cycle, 'id' | 'name'>, createdById: string): StaffSurvey {
  return {
    schemaVersion: 1,
    id: staffSurveyIdOf(cycle.id),
    cycleId: cycle.id,
    title: msg(str`Staff feedback on the programme, ${cycle.name}`, { id: 'feedback.title' }),
    questions: staffFeedbackQuestions(staffFeedbackTexts()),
    status: 'open',
    createdById,
    lang: surveyLang(),
  };
}
