/**
 * xAPI 1.0.3 statements for an enquiry's lifecycle steps, so a school's Learning Record Store
 * (LRS) sees professional learning next to its other records. One step, one statement:
 *
 * - actor: the person as an account (`{ homePage, name: personId }`): no names, no e-mails;
 * - verb: an ADL verb where one means the step (`shared`, `suspended`, `resumed`), else a
 *   plc-kit verb (`https://plc-kit.dev/xapi/verbs/...`), all listed in the profile document
 *   (docs/xapi-profile.jsonld);
 * - object: the enquiry, as an Activity of type `https://plc-kit.dev/xapi/activities/enquiry`;
 * - context: the community (parent), the cycle and the theme (grouping), the plc-kit profile
 *   (category) and the plc-kit step (an extension);
 * - timestamp: when the step was taken (`event.at`);
 * - id: a name-based UUID (version 5) of the event id, so sending a step twice is idempotent.
 *
 * What people wrote never goes in a statement: no observation notes (developmental notes never
 * leave plc-kit), no comments, no reasons, no evidence content (its kind only). The enquiry's
 * title, which the community board already shows colleagues, names the activity.
 *
 * Pure: no DOM, no I/O, no clock.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';

/** The plc-kit xAPI vocabulary's base IRI. */
export const XAPI_BASE = 'https://plc-kit.dev/xapi';
/** The plc-kit xAPI profile (docs/xapi-profile.jsonld). */
export const XAPI_PROFILE_ID = `${XAPI_BASE}/profile`;
/** The profile version statements are built to; it goes in `context.contextActivities.category`. */
export const XAPI_PROFILE_VERSION = `${XAPI_PROFILE_ID}/v1.0`;
/** The xAPI version statements follow; send it as the `X-Experience-API-Version` header. */
export const XAPI_VERSION = '1.0.3';

/** A language map: RFC 5646 tag to text. */
export type LanguageMap = Record<string, string>;

/** An Activity as it appears in a statement. */
export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: { type: string; name?: LanguageMap };
}

/** An xAPI 1.0.3 statement as plc-kit builds it (a subset of what the specification allows). */
export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: LanguageMap };
  object: XapiActivity;
  result?: { completion: boolean };
  context: {
    platform: string;
    contextActivities: { parent?: XapiActivity[]; grouping?: XapiActivity[]; category: XapiActivity[] };
    extensions: Record<string, unknown>;
  };
  timestamp: string;
}

/** A verb: its IRI and its display in each language plc-kit speaks. */
export interface XapiVerb {
  id: string;
  display: LanguageMap;
}

const ADL = 'http://adlnet.gov/expapi/verbs';
const PLC_VERBS = `${XAPI_BASE}/verbs`;
const words = (en: string, es: string): LanguageMap => ({ 'en-GB': en, 'en-US': en, es });

/**
 * The verb of each lifecycle step that becomes a statement. Steps missing here (drafts, saves,
 * stage moves, observation sharing) make none: they are work in progress, or private.
 */
export const XAPI_VERBS = {
  'enquiry.create': { id: `${PLC_VERBS}/created`, display: words('created', 'creó') },
  'question.submit': { id: `${PLC_VERBS}/submitted-question`, display: words('submitted the driving question of', 'envió a revisión la pregunta guía de') },
  'question.approve': { id: `${PLC_VERBS}/approved-question`, display: words('approved the driving question of', 'aprobó la pregunta guía de') },
  'question.return': { id: `${PLC_VERBS}/returned-question`, display: words('asked for changes to the driving question of', 'pidió cambios en la pregunta guía de') },
  'observation.record': { id: `${PLC_VERBS}/recorded-observation`, display: words('recorded a peer observation for', 'registró una observación entre colegas para') },
  'evidence.add': { id: `${PLC_VERBS}/added-evidence`, display: words('added evidence to', 'añadió evidencias a') },
  // Publishing the outcome shares it with colleagues and completes the enquiry (result.completion).
  'outcome.publish': { id: `${ADL}/shared`, display: words('shared the outcome of', 'compartió el resultado de') },
  'enquiry.pause': { id: `${ADL}/suspended`, display: words('paused', 'pausó') },
  'enquiry.resume': { id: `${ADL}/resumed`, display: words('resumed', 'reanudó') },
  'enquiry.withdraw': { id: `${PLC_VERBS}/withdrew`, display: words('withdrew', 'retiró') },
  'enquiry.archive': { id: `${PLC_VERBS}/archived`, display: words('archived', 'archivó') },
} as const satisfies Record<string, XapiVerb>;

/** A lifecycle step that has a statement. */
export type XapiStep = keyof typeof XAPI_VERBS;

/** The plc-kit activity types. */
export const XAPI_ACTIVITY_TYPES = {
  enquiry: `${XAPI_BASE}/activities/enquiry`,
  cycle: `${XAPI_BASE}/activities/cycle`,
  community: `${XAPI_BASE}/activities/community`,
  theme: `${XAPI_BASE}/activities/theme`,
} as const;

/** ADL's activity type for a profile, used for the category context activity. */
export const ADL_PROFILE_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/profile';

/** The plc-kit context extensions. */
export const XAPI_EXTENSIONS = {
  /** The plc-kit event type, e.g. `question.approve`. */
  step: `${XAPI_BASE}/extensions/step`,
  /** The evidence kind of `evidence.add`, e.g. `student-voice`. */
  evidenceKind: `${XAPI_BASE}/extensions/evidence-kind`,
} as const;

/** What a statement says about the enquiry around the step. */
export interface XapiEnquiry {
  title?: string | undefined;
  cycleId?: string | undefined;
  communityId?: string | undefined;
  themeId?: string | undefined;
}

/** Options of {@link toXapiStatement}. */
export interface XapiOptions {
  /**
   * The http(s) address of the system where people's ids are accounts: the school's portal or
   * plc-kit's own address. Every sender (the browser's `plc-xapi` events, the server) must use
   * the same one, or one person shows as two in the LRS.
   */
  homePage: string;
  /**
   * Where activity IRIs start; `<homePage>/plc-kit` by default, giving
   * `https://school.example/plc-kit/enquiries/enq-1`.
   */
  activityBase?: string | undefined;
  /** The enquiry's details; for `enquiry.create` the event's own payload is used when absent. */
  enquiry?: XapiEnquiry | undefined;
}

/**
 * The statement describing one lifecycle step, or `undefined` for a step that has none (a
 * draft, a save) or that nobody signed in took.
 * @example
 * ```ts
 * const statement = toXapiStatement(event, { homePage: 'https://portal.oakfield.example', enquiry: state.data.details });
 * if (statement) queue.push(statement);
 * ```
 */
export function toXapiStatement(event: DomainEvent, options: XapiOptions): XapiStatement | undefined {
  const verb = (XAPI_VERBS as Record<string, XapiVerb>)[event.type];
  if (!verb || !event.authorId || event.authorId === 'anonymous') return undefined;
  const homePage = httpUrl(options.homePage, 'homePage');
  const base = trimSlash(options.activityBase ? httpUrl(options.activityBase, 'activityBase') : `${trimSlash(homePage)}/plc-kit`);
  const enquiry: XapiEnquiry = options.enquiry ?? (event.type === 'enquiry.create' ? (event.payload as XapiEnquiry) : {});
  const activity = (kind: keyof typeof XAPI_ACTIVITY_TYPES, id: string, name?: string): XapiActivity => ({
    objectType: 'Activity',
    id: `${base}/${kind === 'enquiry' ? 'enquiries' : kind === 'community' ? 'communities' : `${kind}s`}/${encodeURIComponent(id)}`,
    definition: { type: XAPI_ACTIVITY_TYPES[kind], ...(name ? { name: { und: name } } : {}) },
  });

  const cycle = enquiry.cycleId ? activity('cycle', enquiry.cycleId) : undefined;
  const community = enquiry.communityId ? activity('community', enquiry.communityId) : undefined;
  const theme = enquiry.themeId ? activity('theme', enquiry.themeId) : undefined;
  // The community is the enquiry's direct home; a one-teacher project's is the cycle.
  const parent = community ?? cycle;
  const grouping = [community ? cycle : undefined, theme].filter((a): a is XapiActivity => a !== undefined);

  const extensions: Record<string, unknown> = { [XAPI_EXTENSIONS.step]: event.type };
  if (event.type === 'evidence.add' && typeof event.payload['kind'] === 'string') extensions[XAPI_EXTENSIONS.evidenceKind] = event.payload['kind'];

  return {
    id: uuidV5(event.id, PLC_KIT_NAMESPACE),
    actor: { objectType: 'Agent', account: { homePage, name: event.authorId } },
    verb: { id: verb.id, display: { ...verb.display } },
    object: activity('enquiry', event.enquiryId, typeof enquiry.title === 'string' ? enquiry.title : undefined),
    ...(event.type === 'outcome.publish' ? { result: { completion: true } } : {}),
    context: {
      platform: 'plc-kit',
      contextActivities: {
        ...(parent ? { parent: [parent] } : {}),
        ...(grouping.length ? { grouping } : {}),
        category: [{ objectType: 'Activity', id: XAPI_PROFILE_VERSION, definition: { type: ADL_PROFILE_ACTIVITY_TYPE } }],
      },
      extensions,
    },
    timestamp: event.at,
  };
}

/** Options of {@link toXapiStatements}. */
export interface XapiLogOptions extends Omit<XapiOptions, 'enquiry'> {
  /** Ids of events the lifecycle refused (`state.refusals`): a refused step did not happen. */
  refused?: Iterable<string> | undefined;
}

/**
 * The statements of a whole log, in log order, following the enquiry's details as the log
 * changes them (a new title, a chosen theme). For a server sending a log to an LRS.
 */
export function toXapiStatements(log: readonly DomainEvent[], options: XapiLogOptions): XapiStatement[] {
  const refused = new Set(options.refused ?? []);
  let enquiry: XapiEnquiry = {};
  const statements: XapiStatement[] = [];
  for (const event of log) {
    if (refused.has(event.id)) continue;
    const payload = event.payload as Record<string, unknown>;
    if (event.type === 'enquiry.create') enquiry = { ...(payload as XapiEnquiry) };
    if (event.type === 'enquiry.rename' && typeof payload['title'] === 'string') enquiry = { ...enquiry, title: payload['title'] };
    if (event.type === 'theme.choose' && typeof payload['themeId'] === 'string') enquiry = { ...enquiry, themeId: payload['themeId'] };
    const statement = toXapiStatement(event, { ...options, enquiry });
    if (statement) statements.push(statement);
  }
  return statements;
}

function httpUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${field} must be an absolute http(s) address, such as https://portal.school.example (got "${value}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${field} must be an http(s) address (got "${value}").`);
  return url.href.endsWith('/') && !value.endsWith('/') ? url.href.slice(0, -1) : url.href;
}

const trimSlash = (value: string) => value.replace(/\/+$/, '');

// ---- name-based UUIDs (RFC 4122 version 5) ------------------------------------------------------

/** The namespace of plc-kit statement ids: the version 5 UUID of `https://plc-kit.dev/xapi` in the URL namespace. */
export const PLC_KIT_NAMESPACE = '595805db-2e30-5004-966a-d8f62d79ab1d';

/** The RFC 4122 URL namespace. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The version 5 (SHA-1, name-based) UUID of `name` in `namespace`: the same inputs always give
 * the same UUID, which is what makes a re-sent statement idempotent at the LRS.
 */
export function uuidV5(name: string, namespace: string): string {
  const ns = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(ns)) throw new TypeError(`namespace must be a UUID (got "${namespace}").`);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i += 1) input[i] = parseInt(ns.slice(i * 2, i * 2 + 2), 16);
  input.set(nameBytes, 16);
  const hash = sha1(input);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = Array.from(hash.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SHA-1 (FIPS 180-4), synchronous so statements can be built anywhere; used for ids only, not for security. */
function sha1(message: Uint8Array): Uint8Array {
  const length = message.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((length * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < blocks; block += 1) {
    for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 80; i += 1) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4];
    for (let i = 0; i < 80; i += 1) {
      const [f, k] =
        i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0;
      e = d;
      d = c;
      c = ((b << 30) | (b >>> 2)) >>> 0;
      b = a;
      a = t;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => outView.setUint32(i * 4, h));
  return out;
}
