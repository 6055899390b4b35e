/** The student page's strings in Spanish: the survey form's and the page's own. */
import { surveyForm } from '../locales/parts/survey-form.es.js';
import { student } from '../locales/parts/student.es.js';

export const templates = { ...surveyForm, ...student };
