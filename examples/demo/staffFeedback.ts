/**
 * The demo school's staff feedback on the programme (issue 19): the 2024-25 and 2025-26 staff
 * surveys, made from the template and closed, with enough anonymous answer sheets to show their
 * figures. In 2024-25 most staff preferred a group enquiry and asked for time to pursue their
 * own question; 2025-26 ran "more individual projects ... in response to staff feedback", and
 * its survey shows the shift. This year's (2026-27) survey is left for the CPD leader to make.
 */
import { staffSurveyFromTemplate } from '../../components/plc-staff-feedback/template.js';
import type { Cycle, SurveyResponse } from '../../src/schema/directory.js';
import type { StaffSurvey } from '../../src/schema/staffFeedback.js';

/** How one year answered: counts per answer, spread over the sheets in a fixed order. */
interface YearAnswers {
  sheets: number;
  /** Agreement (1-5) with each thing that may have helped, cycled through the sheets. */
  agree: Record<string, readonly number[]>;
  /** Individual (0), group (1), either (2), cycled through the sheets. */
  projects: readonly number[];
  comments: readonly string[];
}

const YEARS: Record<'cy-2024' | 'cy-2025', YearAnswers> = {
  'cy-2024': {
    sheets: 24,
    agree: {
      'help-dedicated-time': [4, 5, 3, 4, 2, 4],
      'help-peer-observation': [5, 4, 4, 5, 3, 4],
      'help-student-voice': [3, 4, 2, 3, 4, 3],
      'help-meetings': [3, 2, 4, 3, 3, 2],
      'help-coaching': [4, 3, 3, 4, 3, 3],
    },
    projects: [1, 1, 0, 1, 2, 1, 1, 0],
    comments: [
      'Let me follow a question from my own classes.',
      'More time to work on my own enquiry rather than the group\u2019s.',
      'Fewer meetings, more time in each other\u2019s lessons.',
      'A chance to choose my own focus next year.',
      'Share the outcomes more widely, not only in the booklet.',
      'Group topics did not always fit my subject.',
      'Keep the peer observations.',
      'Time in the timetable for the student surveys.',
      'Start earlier in the autumn.',
      'Individual projects for those who want them.',
      'More coaching conversations.',
      'Keep the protected time.',
    ],
  },
  'cy-2025': {
    sheets: 27,
    agree: {
      'help-dedicated-time': [5, 4, 5, 4, 4, 3],
      'help-peer-observation': [5, 4, 5, 4, 4, 5],
      'help-student-voice': [4, 4, 3, 5, 4, 3],
      'help-meetings': [3, 4, 3, 3, 4, 2],
      'help-coaching': [4, 4, 5, 3, 4, 4],
    },
    projects: [0, 0, 1, 0, 2, 0, 0, 1, 0],
    comments: [
      'Working on my own question kept me going all year.',
      'Sessions where we hear from all the PLCs, not only the booklet.',
      'Wellbeing as a theme, please.',
      'Keep individual projects as an option.',
      'A little more time for the write-up in the summer.',
      'The new staff sessions worked well for me.',
      'Pair people up for coaching earlier.',
      'Rewards and praise as a theme.',
      'Keep the peer observations.',
      'Put the outcomes on the VLE.',
      'More time to read each other\u2019s outcomes.',
    ],
  },
};

/** The year's sheets: only the answers and the survey's id, as every answer sheet. */
function sheetsOf(survey: StaffSurvey, year: YearAnswers): SurveyResponse[] {
  return Array.from({ length: year.sheets }, (_, i) => {
    const answers: SurveyResponse['answers'] = { projects: year.projects[i % year.projects.length]! };
    for (const [id, values] of Object.entries(year.agree)) answers[id] = values[(i + id.length) % values.length]!;
    const comment = year.comments[i];
    if (comment) answers['change'] = comment;
    return { schemaVersion: 1, id: `${survey.id}-sheet-${String(i + 1).padStart(2, '0')}`, surveyId: survey.id, answers };
  });
}

/** The two closed staff surveys and their sheets, made by the CPD leader from the template. */
export function staffFeedback(cycles: readonly Cycle[]): { surveys: StaffSurvey[]; sheets: SurveyResponse[] } {
  const surveys: StaffSurvey[] = [];
  const sheets: SurveyResponse[] = [];
  for (const [cycleId, year] of Object.entries(YEARS)) {
    const cycle = cycles.find((c) => c.id === cycleId)!;
    const survey: StaffSurvey = { ...staffSurveyFromTemplate(cycle, 'p-clare'), status: 'closed', lang: 'en-GB' };
    surveys.push(survey);
    sheets.push(...sheetsOf(survey, year));
  }
  return { surveys, sheets };
}
