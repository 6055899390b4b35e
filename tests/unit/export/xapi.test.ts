/**
 * xAPI statements: every lifecycle step that has one gives a statement that keeps the xAPI 1.0.3
 * statement rules (checked by `statementProblems` below, written from the specification's data
 * section), carries nothing a person wrote, is the same every time (idempotent ids), and matches
 * the profile document in docs/xapi-profile.jsonld.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DomainEvent } from '../../../src/lifecycle/events.js';
import {
  ADL_PROFILE_ACTIVITY_TYPE,
  PLC_KIT_NAMESPACE,
  URL_NAMESPACE,
  XAPI_ACTIVITY_TYPES,
  XAPI_EXTENSIONS,
  XAPI_PROFILE_ID,
  XAPI_PROFILE_VERSION,
  XAPI_VERBS,
  toXapiStatement,
  toXapiStatements,
  uuidV5,
  type XapiStatement,
} from '../../../src/export/xapi.js';

// ---- the xAPI 1.0.3 statement rules (Data, section 2.4), as a checker ---------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** An absolute IRI: a scheme, a colon, then no spaces or characters IRIs exclude. */
const IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
/** RFC 5646 language tags (the well-formed shapes, plus `und`). */
const LANGUAGE_TAG = /^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(?:-[0-9a-wy-zA-WY-Z](?:-[a-zA-Z0-9]{2,8})+)*(?:-x(?:-[a-zA-Z0-9]{1,8})+)?$/;
/** ISO 8601 date-time with a time zone (xAPI: MUST be ISO 8601; SHOULD carry a zone; MUST NOT use -00:00). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const STATEMENT_KEYS = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function languageMapProblems(value: unknown, where: string): string[] {
  if (!isObject(value)) return [`${where} must be a language map (an object)`];
  const problems: string[] = [];
  if (Object.keys(value).length === 0) problems.push(`${where} is an empty language map`);
  for (const [tag, text] of Object.entries(value)) {
    if (!LANGUAGE_TAG.test(tag)) problems.push(`${where} has "${tag}", not an RFC 5646 language tag`);
    if (typeof text !== 'string' || text === '') problems.push(`${where}.${tag} must be a non-empty string`);
  }
  return problems;
}

function extensionsProblems(value: unknown, where: string): string[] {
  if (!isObject(value)) return [`${where} must be an object`];
  return Object.keys(value)
    .filter((key) => !IRI.test(key))
    .map((key) => `${where} key "${key}" is not an IRI`);
}

function activityProblems(value: unknown, where: string): string[] {
  if (!isObject(value)) return [`${where} must be an Activity object`];
  const problems: string[] = [];
  if (value['objectType'] !== undefined && value['objectType'] !== 'Activity') problems.push(`${where}.objectType must be "Activity"`);
  if (typeof value['id'] !== 'string' || !IRI.test(value['id'])) problems.push(`${where}.id must be an IRI`);
  const definition = value['definition'];
  if (definition !== undefined) {
    if (!isObject(definition)) problems.push(`${where}.definition must be an object`);
    else {
      if (definition['type'] !== undefined && (typeof definition['type'] !== 'string' || !IRI.test(definition['type']))) problems.push(`${where}.definition.type must be an IRI`);
      if (definition['name'] !== undefined) problems.push(...languageMapProblems(definition['name'], `${where}.definition.name`));
      if (definition['description'] !== undefined) problems.push(...languageMapProblems(definition['description'], `${where}.definition.description`));
      if (definition['extensions'] !== undefined) problems.push(...extensionsProblems(definition['extensions'], `${where}.definition.extensions`));
    }
  }
  return problems;
}

function agentProblems(value: unknown, where: string): string[] {
  if (!isObject(value)) return [`${where} must be an Agent object`];
  const problems: string[] = [];
  if (value['objectType'] !== undefined && value['objectType'] !== 'Agent') problems.push(`${where}.objectType must be "Agent"`);
  const ifis = IFIS.filter((key) => value[key] !== undefined);
  if (ifis.length !== 1) problems.push(`${where} must have exactly one inverse functional identifier (has ${ifis.length}: ${ifis.join(', ') || 'none'})`);
  if (value['mbox'] !== undefined && !/^mailto:[^@\s]+@[^@\s]+$/.test(String(value['mbox']))) problems.push(`${where}.mbox must be a mailto: IRI`);
  if (value['account'] !== undefined) {
    const account = value['account'];
    if (!isObject(account)) problems.push(`${where}.account must be an object`);
    else {
      const keys = Object.keys(account).sort().join(',');
      if (keys !== 'homePage,name') problems.push(`${where}.account must have exactly homePage and name (has ${keys})`);
      if (typeof account['homePage'] !== 'string' || !/^https?:\/\/[^\s]+$/.test(account['homePage'])) problems.push(`${where}.account.homePage must be an IRL (an http(s) address)`);
      if (typeof account['name'] !== 'string' || account['name'] === '') problems.push(`${where}.account.name must be a non-empty string`);
    }
  }
  if (value['name'] !== undefined && typeof value['name'] !== 'string') problems.push(`${where}.name must be a string`);
  return problems;
}

/** Every way `statement` breaks the xAPI 1.0.3 statement rules; empty when it keeps them all. */
function statementProblems(statement: unknown): string[] {
  if (!isObject(statement)) return ['a statement must be a JSON object'];
  const problems: string[] = [];
  // JSON only: no undefined, functions, NaN or nulls survive (xAPI documents are JSON; plc-kit sends no nulls).
  const json = JSON.stringify(statement);
  if (json.includes('null')) problems.push('a statement must not contain null values');
  try {
    assert.deepStrictEqual(JSON.parse(json), statement);
  } catch {
    problems.push('a statement must round-trip through JSON unchanged');
  }
  for (const key of Object.keys(statement)) if (!STATEMENT_KEYS.has(key)) problems.push(`"${key}" is not a statement property`);
  for (const key of ['actor', 'verb', 'object']) if (statement[key] === undefined) problems.push(`${key} is required`);
  if (statement['id'] !== undefined && (typeof statement['id'] !== 'string' || !UUID.test(statement['id']))) problems.push('id must be a lowercase RFC 4122 UUID (variant 1, versions 1-5)');
  problems.push(...agentProblems(statement['actor'], 'actor'));

  const verb = statement['verb'];
  if (!isObject(verb)) problems.push('verb must be an object');
  else {
    if (typeof verb['id'] !== 'string' || !IRI.test(verb['id'])) problems.push('verb.id must be an IRI');
    if (verb['display'] === undefined) problems.push('verb.display is recommended, and plc-kit always gives it');
    else problems.push(...languageMapProblems(verb['display'], 'verb.display'));
    for (const key of Object.keys(verb)) if (key !== 'id' && key !== 'display') problems.push(`verb.${key} is not a verb property`);
  }

  const object = statement['object'];
  const objectIsActivity = isObject(object) && (object['objectType'] === undefined || object['objectType'] === 'Activity');
  if (objectIsActivity) problems.push(...activityProblems(object, 'object'));
  else problems.push('object must be an Activity (plc-kit only makes statements about activities)');

  const result = statement['result'];
  if (result !== undefined) {
    if (!isObject(result)) problems.push('result must be an object');
    else {
      if (result['completion'] !== undefined && typeof result['completion'] !== 'boolean') problems.push('result.completion must be a boolean');
      if (result['success'] !== undefined && typeof result['success'] !== 'boolean') problems.push('result.success must be a boolean');
      if (result['extensions'] !== undefined) problems.push(...extensionsProblems(result['extensions'], 'result.extensions'));
    }
  }

  const context = statement['context'];
  if (context !== undefined) {
    if (!isObject(context)) problems.push('context must be an object');
    else {
      if (context['registration'] !== undefined && (typeof context['registration'] !== 'string' || !UUID.test(context['registration']))) problems.push('context.registration must be a UUID');
      if ((context['revision'] !== undefined || context['platform'] !== undefined) && !objectIsActivity) problems.push('context.revision and context.platform are only allowed when the object is an Activity');
      if (context['platform'] !== undefined && typeof context['platform'] !== 'string') problems.push('context.platform must be a string');
      if (context['language'] !== undefined && !LANGUAGE_TAG.test(String(context['language']))) problems.push('context.language must be an RFC 5646 tag');
      if (context['extensions'] !== undefined) problems.push(...extensionsProblems(context['extensions'], 'context.extensions'));
      const activities = context['contextActivities'];
      if (activities !== undefined) {
        if (!isObject(activities)) problems.push('context.contextActivities must be an object');
        else
          for (const [key, value] of Object.entries(activities)) {
            if (!CONTEXT_ACTIVITY_KEYS.has(key)) problems.push(`context.contextActivities.${key} is not parent, grouping, category or other`);
            const list = Array.isArray(value) ? value : [value];
            list.forEach((activity, i) => problems.push(...activityProblems(activity, `context.contextActivities.${key}[${i}]`)));
          }
      }
    }
  }

  const timestamp = statement['timestamp'];
  if (timestamp !== undefined) {
    if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) problems.push('timestamp must be an ISO 8601 date-time with a time zone');
    else if (timestamp.endsWith('-00:00')) problems.push('timestamp must not use the -00:00 offset');
  }
  // Set by the LRS, not by a Learning Record Provider.
  if (statement['stored'] !== undefined) problems.push('stored is set by the LRS');
  if (statement['authority'] !== undefined) problems.push('authority is set by the LRS (from the credentials)');
  if (statement['version'] !== undefined) problems.push('a Learning Record Provider should not set version');
  return problems;
}

// ---- fixtures ------------------------------------------------------------------------------------

const HOME = 'https://portal.oakfield.example';
const DETAILS = { title: 'Feedback that moves learning', kind: 'group', cycleId: 'cy-2025', themeId: 'th-feedback', communityId: 'com-feedback', ownerIds: ['p-amir', 'p-beth'], track: 'plc' };
const OBSERVATION = {
  id: 'obs-1',
  observerId: 'p-beth',
  observedId: 'p-chen',
  className: '9C Science',
  date: '2025-11-03',
  focus: 'SECRET-FOCUS written feedback',
  strengths: 'SECRET-STRENGTHS pupils acted on comments',
  wonderings: 'SECRET-WONDERINGS whether the quiet pupils read them',
  nextSteps: 'SECRET-NEXT try a redraft lesson',
  sharedWith: [],
};

let sequence = 0;
function event(type: string, payload: Record<string, unknown> = {}, authorId = 'p-beth', id?: string): DomainEvent {
  sequence += 1;
  return {
    schemaVersion: 2,
    id: id ?? `ev-${String(sequence).padStart(4, '0')}`,
    enquiryId: 'enq-feedback',
    type,
    at: `2025-11-${String(10 + (sequence % 10)).padStart(2, '0')}T09:${String(sequence % 60).padStart(2, '0')}:00.000Z`,
    hlc: `0001762765200000-0000-d1`,
    authorId,
    payload,
  };
}

/** One event of every step that makes a statement, with the words people would write. */
const STEPS: DomainEvent[] = [
  event('enquiry.create', DETAILS, 'p-amir'),
  event('question.submit', {}, 'p-beth'),
  event('question.return', { comment: 'SECRET-COMMENT name the year group' }, 'p-amir'),
  event('question.approve', { comment: 'SECRET-APPROVAL clear and open' }, 'p-amir'),
  event('observation.record', OBSERVATION, 'p-beth'),
  event('evidence.add', { id: 'ev-a', kind: 'student-voice', title: 'SECRET-EVIDENCE survey of 9C', url: 'https://drive.example/secret', notes: 'SECRET-EVIDENCE-NOTES' }, 'p-chen'),
  event('outcome.publish', {}, 'p-amir'),
  event('enquiry.pause', { reason: 'SECRET-REASON staffing' }, 'p-amir'),
  event('enquiry.resume', {}, 'p-amir'),
  event('enquiry.withdraw', { reason: 'SECRET-WITHDRAW moved school' }, 'p-amir'),
  event('enquiry.archive', {}, 'p-clare'),
];

const build = (e: DomainEvent, enquiry: Record<string, unknown> | undefined = DETAILS) => toXapiStatement(e, { homePage: HOME, enquiry })!;

describe('toXapiStatement', () => {
  it('describes every listed step with a statement that keeps the xAPI 1.0.3 rules', () => {
    assert.equal(STEPS.length, Object.keys(XAPI_VERBS).length, 'one fixture per step with a verb');
    for (const step of STEPS) {
      const statement = build(step);
      assert.ok(statement, `${step.type} gives a statement`);
      assert.deepEqual(statementProblems(statement), [], `${step.type}: ${JSON.stringify(statement, null, 1)}`);
    }
  });

  it('names the actor by account only, exactly one identifier, on the given homePage', () => {
    const statement = build(STEPS[3]!);
    assert.deepEqual(statement.actor, { objectType: 'Agent', account: { homePage: HOME, name: 'p-amir' } });
  });

  it('uses ADL verbs where ADL has one and plc-kit IRIs elsewhere, with displays in en-GB, en-US and es', () => {
    const verbOf = (type: string) => build(STEPS.find((e) => e.type === type)!).verb;
    assert.equal(verbOf('outcome.publish').id, 'http://adlnet.gov/expapi/verbs/shared');
    assert.equal(verbOf('enquiry.pause').id, 'http://adlnet.gov/expapi/verbs/suspended');
    assert.equal(verbOf('enquiry.resume').id, 'http://adlnet.gov/expapi/verbs/resumed');
    assert.equal(verbOf('question.approve').id, 'https://plc-kit.dev/xapi/verbs/approved-question');
    assert.equal(verbOf('question.submit').id, 'https://plc-kit.dev/xapi/verbs/submitted-question');
    assert.equal(verbOf('enquiry.create').id, 'https://plc-kit.dev/xapi/verbs/created');
    for (const step of STEPS) {
      const { verb } = build(step);
      assert.ok(verb.id.startsWith('http://adlnet.gov/expapi/verbs/') || verb.id.startsWith('https://plc-kit.dev/xapi/verbs/'), verb.id);
      assert.deepEqual(Object.keys(verb.display).sort(), ['en-GB', 'en-US', 'es']);
    }
  });

  it('makes the enquiry the object, and puts the community, cycle, theme and profile in the context', () => {
    const statement = build(STEPS[1]!);
    assert.deepEqual(statement.object, {
      objectType: 'Activity',
      id: `${HOME}/plc-kit/enquiries/enq-feedback`,
      definition: { type: XAPI_ACTIVITY_TYPES.enquiry, name: { und: 'Feedback that moves learning' } },
    });
    const { parent, grouping, category } = statement.context.contextActivities;
    assert.deepEqual(parent?.map((a) => [a.id, a.definition?.type]), [[`${HOME}/plc-kit/communities/com-feedback`, XAPI_ACTIVITY_TYPES.community]]);
    assert.deepEqual(grouping?.map((a) => [a.id, a.definition?.type]), [
      [`${HOME}/plc-kit/cycles/cy-2025`, XAPI_ACTIVITY_TYPES.cycle],
      [`${HOME}/plc-kit/themes/th-feedback`, XAPI_ACTIVITY_TYPES.theme],
    ]);
    assert.deepEqual(category, [{ objectType: 'Activity', id: XAPI_PROFILE_VERSION, definition: { type: ADL_PROFILE_ACTIVITY_TYPE } }]);
    assert.equal(statement.context.extensions[XAPI_EXTENSIONS.step], 'question.submit');
    assert.equal(statement.context.platform, 'plc-kit');
  });

  it('gives an individual project (no community) the cycle as its parent', () => {
    const statement = build(STEPS[1]!, { title: 'My project', cycleId: 'cy-2025' });
    assert.deepEqual(statement.context.contextActivities.parent?.map((a) => a.id), [`${HOME}/plc-kit/cycles/cy-2025`]);
    assert.equal(statement.context.contextActivities.grouping, undefined);
    assert.deepEqual(statementProblems(statement), []);
  });

  it('reads the enquiry from the payload of enquiry.create when no details are given', () => {
    const statement = toXapiStatement(STEPS[0]!, { homePage: HOME })!;
    assert.deepEqual(statement.object.definition?.name, { und: 'Feedback that moves learning' });
    assert.equal(statement.context.contextActivities.parent?.[0]?.definition?.type, XAPI_ACTIVITY_TYPES.community);
  });

  it('stamps the statement with the step time and marks a published outcome complete', () => {
    for (const step of STEPS) assert.equal(build(step).timestamp, step.at);
    assert.deepEqual(build(STEPS.find((e) => e.type === 'outcome.publish')!).result, { completion: true });
    assert.equal(build(STEPS[1]!).result, undefined);
  });

  it('never carries what people wrote: observation notes, comments, reasons, evidence content', () => {
    for (const step of STEPS) {
      const json = JSON.stringify(build(step));
      assert.ok(!json.includes('SECRET'), `${step.type} leaks: ${json}`);
      assert.ok(!json.includes('p-chen') || step.authorId === 'p-chen', `${step.type} names the observed colleague`);
      assert.ok(!json.includes('9C'), `${step.type} names the class`);
      assert.ok(!json.includes('drive.example'), `${step.type} carries the evidence link`);
    }
    const evidence = build(STEPS.find((e) => e.type === 'evidence.add')!);
    assert.equal(evidence.context.extensions[XAPI_EXTENSIONS.evidenceKind], 'student-voice');
    const observation = build(STEPS.find((e) => e.type === 'observation.record')!);
    assert.equal(observation.context.extensions[XAPI_EXTENSIONS.evidenceKind], undefined);
    assert.equal(observation.result, undefined);
  });

  it('makes no statement for drafts, saves, private steps or an anonymous author', () => {
    for (const type of ['question.draft', 'reflection.save', 'outcome.save', 'observation.share', 'evidence.start', 'sharing.start', 'theme.choose', 'x-school.custom']) {
      assert.equal(toXapiStatement(event(type, {}), { homePage: HOME, enquiry: DETAILS }), undefined, type);
    }
    assert.equal(toXapiStatement(event('question.submit', {}, 'anonymous'), { homePage: HOME }), undefined);
  });

  it('is deterministic: the same event always gives the same statement and id; other events other ids', () => {
    const a = build(STEPS[4]!);
    assert.deepEqual(build(STEPS[4]!), a);
    assert.equal(a.id, uuidV5(STEPS[4]!.id, PLC_KIT_NAMESPACE));
    const ids = new Set(STEPS.map((s) => build(s).id));
    assert.equal(ids.size, STEPS.length);
    // The id depends on the event id alone, so the browser and the server agree on it.
    assert.equal(toXapiStatement(STEPS[4]!, { homePage: 'https://other.example' })!.id, a.id);
  });

  it('keeps ids that are hard to put in IRIs valid, and refuses a homePage that is not http(s)', () => {
    const odd = { ...event('question.submit'), enquiryId: 'enq:ß space/x' };
    const statement = toXapiStatement(odd, { homePage: `${HOME}/`, enquiry: { title: 'T', cycleId: 'cy 1' } })!;
    assert.deepEqual(statementProblems(statement), []);
    assert.equal(statement.object.id, `${HOME}/plc-kit/enquiries/enq%3A%C3%9F%20space%2Fx`);
    assert.equal(statement.actor.account.homePage, `${HOME}/`);
    assert.throws(() => toXapiStatement(STEPS[1]!, { homePage: 'portal.oakfield.example' }), /homePage must be an absolute http\(s\) address/);
    assert.throws(() => toXapiStatement(STEPS[1]!, { homePage: 'javascript:alert(1)' }), /homePage must be an http\(s\) address/);
    const based = toXapiStatement(STEPS[1]!, { homePage: HOME, activityBase: 'https://plc.oakfield.example/', enquiry: DETAILS })!;
    assert.equal(based.object.id, 'https://plc.oakfield.example/enquiries/enq-feedback');
  });
});

describe('toXapiStatements', () => {
  it('follows the log: a renamed title and a chosen theme, skipping refused steps and steps without a verb', () => {
    sequence = 100;
    const log = [
      event('enquiry.create', { ...DETAILS, themeId: undefined }, 'p-amir'),
      event('theme.choose', { themeId: 'th-oracy' }, 'p-amir'),
      event('enquiry.rename', { title: 'Talk that moves learning' }, 'p-amir'),
      event('question.draft', {}, 'p-beth'),
      event('question.submit', {}, 'p-beth'),
      event('question.approve', {}, 'p-beth'),
    ];
    const statements = toXapiStatements(log, { homePage: HOME, refused: [log[5]!.id] });
    assert.deepEqual(
      statements.map((s) => s.context.extensions[XAPI_EXTENSIONS.step]),
      ['enquiry.create', 'question.submit'],
    );
    const submit = statements[1]!;
    assert.deepEqual(submit.object.definition?.name, { und: 'Talk that moves learning' });
    assert.ok(submit.context.contextActivities.grouping?.some((a) => a.id.endsWith('/themes/th-oracy')));
    for (const statement of statements) assert.deepEqual(statementProblems(statement), []);
  });
});

describe('the statement checker', () => {
  const good = (): XapiStatement => JSON.parse(JSON.stringify(build(STEPS[1]!))) as XapiStatement;
  const DELETE = Symbol('delete');
  /** The problems of a good statement with the value at a dotted `path` replaced (or deleted). */
  const broken = (path: string, value: unknown) => {
    const statement = good() as unknown as Record<string, unknown>;
    const keys = path.split('.');
    let target = statement;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    if (value === DELETE) delete target[keys.at(-1)!];
    else target[keys.at(-1)!] = value;
    return statementProblems(statement);
  };

  it('catches each broken rule it checks', () => {
    assert.deepEqual(statementProblems(good()), []);
    assert.match(broken('verb', DELETE).join(), /verb is required/);
    assert.match(broken('id', 'ev-1').join(), /id must be a lowercase RFC 4122 UUID/);
    assert.match(broken('id', 'AAAAAAAA-0000-5000-8000-000000000000').join(), /UUID/);
    assert.match(broken('actor.mbox', 'mailto:a@b.example').join(), /exactly one inverse functional identifier \(has 2/);
    assert.match(broken('actor.account', DELETE).join(), /exactly one inverse functional identifier \(has 0/);
    assert.match(broken('actor.account.homePage', 'portal').join(), /homePage must be an IRL/);
    assert.match(broken('verb.id', 'approved').join(), /verb.id must be an IRI/);
    assert.match(broken('verb.display', { en_GB: 'x' }).join(), /not an RFC 5646 language tag/);
    assert.match(broken('verb.display', 'approved').join(), /verb.display must be a language map/);
    assert.match(broken('object.id', 'enq feedback').join(), /object.id must be an IRI/);
    assert.match(broken('object.definition.type', 'enquiry').join(), /definition.type must be an IRI/);
    assert.match(broken('context.extensions', { step: 'x' }).join(), /key "step" is not an IRI/);
    assert.match(broken('context.contextActivities.cousins', []).join(), /not parent, grouping, category or other/);
    assert.match(broken('timestamp', '10/11/2025').join(), /ISO 8601/);
    assert.match(broken('timestamp', '2025-11-10T09:00:00').join(), /time zone/);
    assert.match(broken('timestamp', '2025-11-10T09:00:00-00:00').join(), /-00:00/);
    assert.match(broken('result', { completion: 'yes' }).join(), /completion must be a boolean/);
    assert.match(broken('version', '1.0.3').join(), /should not set version/);
    assert.match(broken('notes', 'x').join(), /"notes" is not a statement property/);
    assert.match(broken('object.definition.name', { en: null }).join(), /null/);
  });
});

describe('uuidV5', () => {
  it('matches RFC 4122 version 5 (the Python documentation example and node:crypto SHA-1)', () => {
    assert.equal(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.equal(uuidV5('https://plc-kit.dev/xapi', URL_NAMESPACE), PLC_KIT_NAMESPACE);
    for (const name of ['', 'a', 'ev-0001', 'é'.repeat(100), 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(1000)]) {
      const ns = Buffer.from(PLC_KIT_NAMESPACE.replace(/-/g, ''), 'hex');
      const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
      hash[6] = (hash[6]! & 0x0f) | 0x50;
      hash[8] = (hash[8]! & 0x3f) | 0x80;
      const hex = hash.subarray(0, 16).toString('hex');
      assert.equal(uuidV5(name, PLC_KIT_NAMESPACE), `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, `name of length ${name.length}`);
      assert.match(uuidV5(name, PLC_KIT_NAMESPACE), UUID);
    }
    assert.throws(() => uuidV5('x', 'not-a-uuid'), /namespace must be a UUID/);
  });
});

describe('the profile document (docs/xapi-profile.jsonld)', () => {
  const profile = JSON.parse(readFileSync(new URL('../../../docs/xapi-profile.jsonld', import.meta.url), 'utf8')) as {
    '@context': string;
    id: string;
    type: string;
    conformsTo: string;
    prefLabel: Record<string, string>;
    definition: Record<string, string>;
    versions: Array<{ id: string; generatedAtTime: string }>;
    author: { type: string; name: string };
    concepts: Array<{ id: string; type: string; inScheme: string; prefLabel: Record<string, string>; definition: Record<string, string>; inlineSchema?: string }>;
    templates: Array<{ id: string; type: string; inScheme: string; verb: string; objectActivityType: string; contextCategoryActivityType: string[]; rules: Array<{ location: string; presence?: string }> }>;
  };

  it('has the Profile properties the xAPI Profiles specification requires', () => {
    assert.equal(profile['@context'], 'https://w3id.org/xapi/profiles/context');
    assert.equal(profile.id, XAPI_PROFILE_ID);
    assert.equal(profile.type, 'Profile');
    assert.equal(profile.conformsTo, 'https://w3id.org/xapi/profiles#1.0');
    assert.ok(profile.prefLabel['en'] && profile.definition['en']);
    assert.equal(profile.versions[0]?.id, XAPI_PROFILE_VERSION, 'the newest version comes first and is the one statements name');
    assert.ok(!Number.isNaN(Date.parse(profile.versions[0]!.generatedAtTime)));
    assert.ok(['Organization', 'Person'].includes(profile.author.type) && profile.author.name);
    for (const item of [...profile.concepts, ...profile.templates]) {
      assert.equal(item.inScheme, XAPI_PROFILE_VERSION, item.id);
      assert.match(item.id, IRI);
    }
  });

  it('defines every plc-kit verb, activity type and extension the statements use, and only plc-kit ones', () => {
    const defined = new Map(profile.concepts.map((c) => [c.id, c.type]));
    for (const verb of Object.values(XAPI_VERBS)) if (verb.id.startsWith('https://plc-kit.dev/')) assert.equal(defined.get(verb.id), 'Verb', verb.id);
    for (const type of Object.values(XAPI_ACTIVITY_TYPES)) assert.equal(defined.get(type), 'ActivityType', type);
    for (const extension of Object.values(XAPI_EXTENSIONS)) assert.equal(defined.get(extension), 'ContextExtension', extension);
    for (const concept of profile.concepts) {
      assert.ok(concept.id.startsWith('https://plc-kit.dev/xapi/'), `${concept.id}: a profile defines only its own concepts (ADL verbs are used, not redefined)`);
      assert.ok(concept.prefLabel['en'] && concept.definition['en'], concept.id);
      if (concept.inlineSchema) assert.doesNotThrow(() => JSON.parse(concept.inlineSchema!));
    }
  });

  it('has a statement template per step, matching what the builder makes', () => {
    assert.equal(profile.templates.length, Object.keys(XAPI_VERBS).length);
    for (const step of STEPS) {
      const template = profile.templates.find((t) => t.id === `https://plc-kit.dev/xapi/templates/${step.type}`);
      assert.ok(template, step.type);
      const statement = build(step);
      assert.equal(template.type, 'StatementTemplate');
      assert.equal(template.verb, statement.verb.id);
      assert.equal(template.objectActivityType, statement.object.definition?.type);
      assert.deepEqual(template.contextCategoryActivityType, [ADL_PROFILE_ACTIVITY_TYPE]);
      for (const rule of template.rules.filter((r) => r.presence === 'excluded')) {
        const path = rule.location.replace(/^\$\./, '').split('.');
        let value: unknown = statement;
        for (const key of path) value = isObject(value) ? value[key] : undefined;
        assert.equal(value, undefined, `${step.type}: ${rule.location} must be excluded`);
      }
    }
  });
});
