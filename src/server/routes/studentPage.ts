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
import * as z from 'zod/mini';
import { HttpError } from '../errors.js';
import { represent, send, type Representation } from '../embed.js';
import type { Db } from '../db.js';
import { submitByCode, surveyForCode, type StudentSurvey } from '../surveys.js';
import type { HitCounter } from '../rateLimit.js';
import { errors, ref, route } from './route.js';

const CodeParams = z.object({ code: z.string().check(z.maxLength(40), z.describe('The survey code, any case, spaces and dashes ignored.')) });

/** Options of the student page (`createServer({ student })`). */
export interface StudentPageOptions {
  /** The built student folder; the package's `dist/student/` by default. */
  dir?: string | undefined;
}

/** What the plugin needs from the server. */
export interface StudentPageDeps {
  db: () => Db;
  limiter: HitCounter;
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

  const pageAnswers = {
    200: { description: 'The page, with its Content-Security-Policy; no cookies.', body: z.string(), contentType: 'text/html' },
    ...errors([503, 'The student page is not built: run `npm run build`.']),
  };
  route(app, { method: 'GET', url: '/s', operationId: 'studentStartPage', summary: 'The student page with a box to type a survey code', public: true, responses: pageAnswers, handler: (request, reply) => html(request, reply, undefined) });
  route(app, { method: 'GET', url: '/s/', operationId: 'studentStartFolderPage', summary: 'The student page with a box to type a survey code (the same page)', public: true, responses: pageAnswers, handler: (request, reply) => html(request, reply, undefined) });
  route(app, {
    method: 'GET',
    url: '/s/:code',
    operationId: 'studentPage',
    summary: 'The student page of one survey, in its language, with the anonymous form written in',
    description: 'Answers 404 (still a page, saying so) for a code no survey has.',
    public: true,
    params: CodeParams,
    responses: { ...pageAnswers, ...errors([404, 'No survey has this code: the page says so.']) },
    handler: (request, reply) => html(request, reply, request.params.code),
  });

  route(app, {
    method: 'GET',
    url: '/student/:file',
    operationId: 'studentPageFile',
    summary: 'A file of the student page: student.js (its own small bundle) and student.css',
    public: true,
    params: z.object({ file: z.string().check(z.describe(`One of ${Object.keys(STUDENT_ASSETS).join(', ')}.`)) }),
    responses: {
      200: { description: 'The file.', body: z.string(), contentType: ['text/javascript', 'text/css'] },
      304: { description: 'Not changed since the ETag sent in If-None-Match.' },
      ...errors([404, 'Not a file of the student page.'], [503, 'The student page is not built: run `npm run build`.']),
    },
    handler: async (request, reply) => {
      const name = request.params.file;
      const type = Object.hasOwn(STUDENT_ASSETS, name) ? STUDENT_ASSETS[name] : undefined;
      if (!type) {
        throw new HttpError(404, { error: 'not-found', field: 'path', message: `There is no /student/${name.slice(0, 80)}: the student folder serves ${Object.keys(STUDENT_ASSETS).join(', ')}.` });
      }
      const file = (await files()).assets.get(name)!;
      void reply.type(type).header('referrer-policy', 'no-referrer');
      return send(request, reply, file);
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/s/:code',
    operationId: 'studentSurvey',
    summary: 'A survey\'s anonymous form, by its code (the student page)',
    description: 'No authentication and no cookies. Questions only while the survey is open; title and status otherwise. Nothing about staff or the enquiry.',
    public: true,
    params: CodeParams,
    responses: {
      200: { description: 'The anonymous form.', body: ref('StudentSurvey') },
      ...errors([404, 'No survey has this code (`reason`: `survey-code-unknown`).']),
      429: { description: 'Too many wrong codes just now.', body: ref('Error'), headers: { 'Retry-After': 'Seconds to wait.' } },
    },
    handler: async (request, reply) => reply.header('cache-control', 'no-store').send(await surveyForCode(deps.db(), deps.limiter, request.params.code)),
  });
  route(app, {
    method: 'POST',
    url: '/v1/s/:code/responses',
    operationId: 'submitStudentSheet',
    summary: 'An anonymous answer sheet, through a survey\'s code',
    description: [
      'No authentication. `receipt` is a random value the device makes for this sheet: a sheet sent again with the same receipt (a dropped connection) is stored once and answered 200 `duplicate`.',
      'Only the receipt\'s hash is kept, with no time and no link to the sheet. Rate-limited per survey and per code.',
    ],
    public: true,
    params: CodeParams,
    body: { schema: ref('StudentSheet') },
    responses: {
      201: { description: 'Received.', body: z.object({ status: z.literal('received'), message: z.string() }) },
      200: { description: 'Already received with this receipt: counted once.', body: z.object({ status: z.literal('duplicate'), message: z.string() }) },
      ...errors(400, 413, 415, [403, 'The survey is not open (`reason`: `survey-not-open`): nothing was stored.'], [404, 'No survey has this code.']),
      429: { description: 'Too many answers to this survey or through this code just now.', body: ref('Error'), headers: { 'Retry-After': 'Seconds to wait.' } },
    },
    handler: async (request, reply) => {
      const taken = await submitByCode(deps.db(), deps.limiter, request.params.code, request.body);
      return reply
        .code(taken === 'received' ? 201 : 200)
        .header('cache-control', 'no-store')
        .send({ status: taken, message: taken === 'received' ? 'Your answers were received.' : 'These answers had already been received: they count once.' });
    },
  });
}
