/** The student page's strings in American English: the survey form's and the page's own. */
import { surveyForm } from '../locales/parts/survey-form.en-US.js';
import { student } from '../locales/parts/student.en-US.js';

export const templates = { ...surveyForm, ...student };
