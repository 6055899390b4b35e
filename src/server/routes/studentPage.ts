/**
 * The student page and its two anonymous routes, as a Fastify plugin:
 *
 * | route | what |
 * | --- | --- |
 * | `GET /s`, `GET /s/` | the page with a box to type a survey's code |
 * | `GET /s/<code>` | the page of one survey, in the survey's language, its form written into the page |
 * | `GET /student/<file>` | the page's script (`student.js`), from the built `dist/student/` folder |
 * | `GET /v1/s/<code>` | the survey's anonymous form as JSON (title, language, status, questions while open) |
 * | `POST /v1/s/<code>/responses` | one answer sheet `{ answers, receipt }`: 201 stored, 200 already stored |
 *
 * Nothing here reads a sign-in, sets a cookie, or reads the sender's address beyond the rate
 * limits in memory; the page carries no staff data. The page is served with a strict
 * Content-Security-Policy and `Cache-Control: no-store` (a survey closes).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { represent, send, type Representation } from '../embed.js';
import type { Db } from '../db.js';
import { submitByCode, surveyForCode, type RateLimiter, type StudentSurvey } from '../surveys.js';

/** Options of the student page (`createServer({ student })`). */
export interface StudentPageOptions {
  /** The built student folder; the package's `dist/student/` by default. */
  dir?: string | undefined;
}

/** What the plugin needs from the server. */
export interface StudentPageDeps {
  db: () => Db;
  limiter: RateLimiter;
  options?: StudentPageOptions | undefined;
}

/** The files of the student folder the server sends, with their types. The page itself is written per survey. */
export const STUDENT_ASSETS: Readonly<Record<string, string>> = {
  'student.js': 'text/javascript; charset=utf-8',
  'student.css': 'text/css; charset=utf-8',
};

/** The page's policy: everything from this server, nothing inline but the survey's JSON (data, never run), never framed. */
export const STUDENT_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The built student folder: `dist/student/` beside the compiled server, or in a clone running the sources. */
export function defaultStudentDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/src/server/routes/studentPage.js; from the sources: src/server/routes/studentPage.ts.
  const threeUp = resolve(here, '..', '..', '..');
  return basename(threeUp) === 'dist' ? join(threeUp, 'student') : join(threeUp, 'dist', 'student');
}

const LANG = /<html lang="[^"]*"/;
const SERVER_META = /<meta name="plc-kit-server" content="[^"]*"/;
const SURVEY_DATA = /<script type="application\/json" id="plc-survey">[^<]*<\/script>/;

interface LoadedPage {
  template: string;
  assets: Map<string, Representation>;
}

async function loadPage(dir: string): Promise<LoadedPage> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') {
        throw new HttpError(503, {
          error: 'unavailable',
          message: `The student page is not built on this server (${name} is missing in ${dir}): run \`npm run build\`, which writes dist/student/, then restart the server.`,
        });
      }
      throw error;
    }
  };
  const template = (await read('index.html')).toString('utf8');
  if (!LANG.test(template) || !SERVER_META.test(template) || !SURVEY_DATA.test(template)) {
    throw new HttpError(503, { error: 'unavailable', message: `${join(dir, 'index.html')} is not plc-kit's student page: run \`npm run build\` again.` });
  }
  const assets = new Map<string, Representation>();
  for (const name of Object.keys(STUDENT_ASSETS)) assets.set(name, await represent(await read(name)));
  return { template, assets };
}

/** JSON safe inside a `<script>` element: no `<` can close it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const attribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page for a code: the survey's language on `<html>`, this server as the page's server, and
 * the survey's form (or the error a wrong code gets) written in, so a phone needs one request;
 * the page's files, beside it in the static folder, are at `/student/`.
 */
function pageFor(template: string, lang: string, data: StudentSurvey | { error: unknown }): string {
  return template
    .replace(LANG, `<html lang="${attribute(lang)}"`)
    .replace(SERVER_META, '<meta name="plc-kit-server" content="/"')
    .replace(SURVEY_DATA, `<script type="application/json" id="plc-survey">${scriptJson(data)}</script>`)
    .replace(/(\s(?:src|href)=")\.\//g, '$1/student/');
}

/** Registers the student page and its anonymous routes. */
export async function studentPageRoutes(app: FastifyInstance, deps: StudentPageDeps): Promise<void> {
  const dir = deps.options?.dir ?? defaultStudentDir();
  let loading: Promise<LoadedPage> | undefined;
  const files = () =>
    (loading ??= loadPage(dir).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  const html = async (request: FastifyRequest, reply: FastifyReply, code: string | undefined) => {
    const { template } = await files();
    let status = 200;
    let lang = 'en-GB';
    let data: StudentSurvey | { error: unknown } | undefined;
    if (code !== undefined) {
      try {
        data = await surveyForCode(deps.db(), deps.limiter, code);
        lang = data.lang;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        status = error.status;
        data = { error: error.body };
      }
    }
    void reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', STUDENT_PAGE_POLICY)
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(data ? pageFor(template, lang, data) : pageFor(template, lang, { error: null }));
  };

  app.get('/s', (request, reply) => html(request, reply, undefined));
  app.get('/s/', (request, reply) => html(request, reply, undefined));
  app.get<{ Params: { code: string } }>('/s/:code', (request, reply) => html(request, reply, request.params.code));

  app.get<{ Params: { file: string } }>('/student/:file', async (request, reply) => {
    const name = request.params.file;
    const type = Object.hasOwn(STUDENT_ASSETS, name) ? STUDENT_ASSETS[name] : undefined;
    if (!type) {
      throw new HttpError(404, { error: 'not-found', field: 'path', message: `There is no /student/${name.slice(0, 80)}: the student folder serves ${Object.keys(STUDENT_ASSETS).join(', ')}.` });
    }
    const file = (await files()).assets.get(name)!;
    void reply.type(type).header('referrer-policy', 'no-referrer');
    return send(request, reply, file);
  });

  app.get<{ Params: { code: string } }>('/v1/s/:code', async (request, reply) => {
    const survey = await surveyForCode(deps.db(), deps.limiter, request.params.code);
    return reply.header('cache-control', 'no-store').send(survey);
  });
  app.post<{ Params: { code: string } }>('/v1/s/:code/responses', async (request, reply) => {
    const taken = await submitByCode(deps.db(), deps.limiter, request.params.code, request.body);
    return reply
      .code(taken === 'received' ? 201 : 200)
      .header('cache-control', 'no-store')
      .send({ status: taken, message: taken === 'received' ? 'Your answers were received.' : 'These answers had already been received: they count once.' });
  });
}
