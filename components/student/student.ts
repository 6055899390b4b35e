/**
 * The student page's script (`dist/student/student.js`, its own small bundle: lit, the form and
 * the student strings in three languages, no store, no zod, no xstate). It reads what the page
 * carries (`<html lang>`, `<meta name="plc-kit-server">`, the survey's form in
 * `<script type="application/json" id="plc-survey">`), switches to the survey's language and
 * shows `<plc-student-survey>`. On the server's own page (`/s/<code>`) the form is in the page;
 * as a static file elsewhere, the code comes from `?code=` and the form from the server named in
 * the meta tag.
 * @module
 */
import { configureLocalization } from '@lit/localize';
import { normaliseSurveyCode } from '../../src/schema/surveyCode.js';
import { defineElement } from '../define-element.js';
import { PlcStudentSurvey, type StudentPageData } from './plc-student-survey.js';

const { setLocale } = configureLocalization({
  sourceLocale: 'en-GB',
  targetLocales: ['en-US', 'es'],
  loadLocale: (locale) => (locale === 'es' ? import('./locales.es.js') : import('./locales.en-US.js')),
});

const localeOf = (tag: string) => (tag.toLowerCase() === 'en-us' ? 'en-US' : tag.toLowerCase().startsWith('es') ? 'es' : 'en-GB');

/** The server's base address from the meta tag: `/` on its own page, an absolute URL ending in `/` elsewhere. */
function serverBase(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="plc-kit-server"]')?.content.trim() || '/';
  return content.endsWith('/') ? content : `${content}/`;
}

function pageData(): StudentPageData {
  try {
    const parsed = JSON.parse(document.getElementById('plc-survey')?.textContent || 'null') as StudentPageData | null;
    return parsed ?? { error: null };
  } catch {
    return { error: null };
  }
}

async function fetchSurvey(server: string, code: string): Promise<StudentPageData> {
  try {
    const response = await fetch(`${server}v1/s/${code}`, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    const body = (await response.json()) as StudentPageData & { error?: unknown };
    return response.ok ? body : { error: (body as { error?: unknown }) ?? {} } as StudentPageData;
  } catch {
    return { error: { error: 'unavailable' } };
  }
}

async function main(): Promise<void> {
  defineElement('plc-student-survey', PlcStudentSurvey);
  const server = serverBase();
  let data = pageData();
  const typed = new URL(window.location.href).searchParams.get('code');
  if ('error' in data && data.error === null && typed) {
    const code = normaliseSurveyCode(typed);
    data = code ? await fetchSurvey(server, code) : { error: { reason: 'survey-code-unknown' } };
  }
  const lang = 'error' in data ? document.documentElement.lang || 'en-GB' : data.lang;
  document.documentElement.lang = lang;
  await setLocale(localeOf(lang)).catch(() => undefined);
  const element = document.createElement('plc-student-survey') as PlcStudentSurvey;
  element.server = server;
  element.data = data;
  document.querySelector('plc-student-survey')?.remove();
  document.body.append(element);
  if (!('error' in data)) document.title = data.title;
}

void main();
