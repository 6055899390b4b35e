/**
 * Recognition (issue 19): a published enquiry earns each of its members an Open Badges 3.0
 * credential, signed with the trust's key. Checked end to end on the server: issued once per
 * member (not for an unpublished enquiry, not twice), valid against 1EdTech's OB 3.0 JSON schema,
 * verified offline with the public issuer document alone (and refused once tampered with or
 * checked against another trust's key), downloaded as a file, read only as docs/privacy.md says,
 * and the celebrate view carrying titles and names only.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { verifyBadge, type IssuerDocument } from '../../src/server/badges/signing.js';
import { erase, subjectAccess } from '../../src/server/subjectRights.js';
import { DEMO_TRUST } from '../../examples/demo/server.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { eventWriter } from '../support/store-fixtures.js';
import { client, ON, openTestDb, startServer, type Client, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-badges';
const OTHER = 'trust-badges-other';
const NOW = new Date('2026-03-20T10:00:00.000Z');
const POLICY = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 };
const person = (id: string, name: string, roles = ['teacher']) => ({ schemaVersion: 1, id, name, email: `${id}@private.example`, schoolId: 'sch-1', roles });
const DIRECTORY: Array<[string, Record<string, unknown>]> = [
  ['schools', { schemaVersion: 1, id: 'sch-1', name: 'Riverside Academy' }],
  ['people', person('p-ana', 'Ana Ruiz')],
  ['people', person('p-ben', 'Ben Okafor')],
  ['people', person('p-lead', 'Lena Lead')],
  ['people', person('p-solo', 'Sol Solo')],
  ['people', person('p-tch', 'Tom Teacher')],
  ['people', person('p-cpd', 'Cara CPD', ['teacher', 'cpd-leader'])],
  ['people', person('p-adm', 'Adam Admin', ['admin'])],
  ['cycles', { schemaVersion: 2, id: 'cy-1', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: ['th-1'], policy: POLICY }],
  ['themes', { schemaVersion: 1, id: 'th-1', name: 'Feedback', aspects: [] }],
  ['communities', { schemaVersion: 1, id: 'c1', name: 'Feedback PLC', cycleId: 'cy-1', themeId: 'th-1', leadId: 'p-lead', memberIds: ['p-ana', 'p-ben'], coachIds: [], schoolIds: ['sch-1'], meetingSlots: [] }],
];
const QUESTION = { text: 'How do students use comments?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['They redraft'], plannedEvidence: [] };
const OBSERVATION = { observerId: 'p-ana', observedId: 'p-ben', className: '9X', date: '2025-10-06', focus: 'Feedback', strengths: 'NOTES-MUST-NOT-LEAK', wonderings: '', nextSteps: '', sharedWith: [] };

const schema = JSON.parse(readFileSync(new URL('./fixtures/ob_v3p0_achievementcredential.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateOb3 = ajv.compile(schema);
/** Whether 1EdTech's schema accepts `data` (a plain boolean: the validator's type guard would narrow the credential to unknown). */
const isOb3 = (data: unknown): boolean => validateOb3(data);

describe(`Open Badges 3.0 credentials for published enquiries (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let service: Client;
  const as = (id: string, roles = ['teacher']) => test.as(id, TRUST, roles);

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db, { now: () => NOW });
    service = await test.service(TRUST);
    for (const [collection, record] of DIRECTORY) assert.equal((await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' })).status, 201);
    await push('e-group', publish('e-group', { title: 'Feedback that moves learning', kind: 'group', cycleId: 'cy-1', themeId: 'th-1', communityId: 'c1', ownerIds: ['p-ana'], track: 'plc' }, 'p-ana', 'p-lead'));
    await push('e-solo', publish('e-solo', { title: 'Retrieval starters', kind: 'individual', cycleId: 'cy-1', themeId: 'th-1', ownerIds: ['p-solo'], track: 'plc' }, 'p-solo', 'p-cpd'));
    await push('e-open', publish('e-open', { title: 'Not yet published', kind: 'individual', cycleId: 'cy-1', themeId: 'th-1', ownerIds: ['p-tch'], track: 'plc' }, 'p-tch', 'p-cpd', 8));
    // Another trust, for a key that must not verify this trust's credentials.
    const other = await test.service(OTHER);
    assert.equal((await other.put('/v1/records/schools/sch-9', { schemaVersion: 1, id: 'sch-9', name: 'Elsewhere High' }, { 'if-none-match': '*' })).status, 201);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  const w = eventWriter({ prefix: 'bd', start: '2025-09-10T08:00:00.000Z', stepMs: 3_600_000 });
  const publish = (id: string, details: object, owner: string, reviewer: string, upTo = 99) =>
    [
      w.event(id, 'enquiry.create', details, owner),
      w.event(id, 'question.draft', QUESTION, owner),
      w.event(id, 'question.submit', {}, owner),
      w.event(id, 'question.approve', {}, reviewer),
      w.event(id, 'observation.record', { ...OBSERVATION, id: `o-${id}` }, owner),
      w.event(id, 'evidence.start', {}, owner),
      w.event(id, 'evidence.add', { id: `ev-${id}`, kind: 'note', title: 'Books', text: 'Redrafts.' }, owner),
      w.event(id, 'reflection.save', { whatWorked: 'REFLECTION-PRIVATE', whatDidNot: '', nextSteps: '' }, owner),
      w.event(id, 'sharing.start', {}, owner),
      w.event(id, 'outcome.save', { summary: 'Outcome', findings: [], recommendations: [], audiences: ['booklet'] }, owner),
      w.event(id, 'outcome.publish', {}, owner),
    ].slice(0, upTo);
  const push = async (id: string, events: unknown[]) => {
    const reply = await service.post(`/v1/enquiries/${id}/events`, { events });
    assert.deepEqual(reply.body.results.map((r: { status: string }) => r.status), events.map(() => 'appended'), JSON.stringify(reply.body));
  };

  const mine = async (id: string, roles?: string[]) => (await (await as(id, roles)).get('/v1/credentials')).body.credentials as Json[];
  const issuer = async (trust = TRUST) => (await client(test.url).get(`/v1/badges/issuers/${trust}`)).body as IssuerDocument;
  const download = async (reader: string, credentialId: string, roles?: string[]) => (await as(reader, roles)).get(`/v1/credentials/${credentialId}`);

  it('is issued when the outcome is published, by the push itself, before anyone reads a credential', async () => {
    const { rows } = await testDb.db.query<{ enquiry_id: string; person_id: string }>(
      'SELECT enquiry_id, person_id FROM badge_credentials WHERE trust_id = $1 ORDER BY enquiry_id, person_id',
      [TRUST],
    );
    assert.deepEqual(rows.map((r) => `${r.enquiry_id}/${r.person_id}`), ['e-group/p-ana', 'e-group/p-ben', 'e-group/p-lead', 'e-solo/p-solo']);
    // A later event stored in the published enquiry issues again, idempotently: nothing more.
    const w = eventWriter({ prefix: 'bd-again', start: '2025-12-10T08:00:00.000Z' });
    const again = await service.post('/v1/enquiries/e-solo/events', { events: [w.event('e-solo', 'outcome.publish', {}, 'p-solo')] });
    assert.ok(['appended', 'refused'].includes(again.body.results[0].status), JSON.stringify(again.body));
    const count = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM badge_credentials WHERE trust_id = $1', [TRUST]);
    assert.equal(Number(count.rows[0]!.n), 4);
  });

  it('a published enquiry earns each of its members one credential, and an unpublished one none', async () => {
    const names = async (id: string) => (await mine(id)).map((c) => c.name);
    assert.deepEqual(await names('p-ana'), ['Published enquiry: Feedback that moves learning'], 'the owner');
    assert.deepEqual(await names('p-ben'), ['Published enquiry: Feedback that moves learning'], 'a community member');
    assert.deepEqual(await names('p-lead'), ['Published enquiry: Feedback that moves learning'], 'the community lead');
    assert.deepEqual(await names('p-solo'), ['Published enquiry: Retrieval starters'], 'an individual project');
    assert.deepEqual(await names('p-tch'), [], 'not published yet');
    const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM badge_credentials WHERE trust_id = $1', [TRUST]);
    assert.equal(Number(rows[0]!.n), 4);
  });

  it('issuing again changes nothing: the same credential, not a second one', async () => {
    const before = (await mine('p-ana'))[0];
    await (await as('p-ana')).get('/v1/celebrate');
    const again = await mine('p-ana');
    assert.equal(again.length, 1);
    assert.equal(again[0].id, before.id);
  });

  it('is an OB 3.0 OpenBadgeCredential that 1EdTech\u2019s JSON schema accepts', async () => {
    const [listing] = await mine('p-ben');
    const reply = await download('p-ben', listing.id);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-disposition') ?? '', /^attachment; filename="open-badge-[0-9a-f-]+\.json"$/);
    const credential = reply.body;
    assert.deepEqual(credential['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    assert.deepEqual(credential.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(credential.id, `urn:uuid:${listing.id}`);
    const valid = isOb3(credential);
    assert.ok(valid, JSON.stringify(validateOb3.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)));
    assert.equal(credential.credentialSubject.identifier[0].identityHash, 'Ben Okafor');
    assert.equal(credential.credentialSubject.role, 'member');
    assert.equal(credential.proof[0].type, 'DataIntegrityProof');
    assert.equal(credential.proof[0].cryptosuite, 'eddsa-rdfc-2022');
    const text = JSON.stringify(credential);
    for (const secret of ['@private.example', 'NOTES-MUST-NOT-LEAK', 'REFLECTION-PRIVATE', 'secretKey']) assert.ok(!text.includes(secret), `the credential carries ${secret}`);
    // The schema is not a test that cannot fail: a credential without its subject is refused.
    assert.equal(isOb3({ ...credential, credentialSubject: undefined }), false);
  });

  it('verifies offline with the public issuer document alone, and not once changed or against another key', async () => {
    const [listing] = await mine('p-solo');
    const credential = (await download('p-solo', listing.id)).body;
    const doc = await issuer();
    assert.equal(doc.id, credential.issuer.id);
    assert.equal(credential.issuer.name, 'Riverside Academy');
    assert.ok(!JSON.stringify(doc).includes('secretKey'), 'the private key never leaves the server');
    assert.equal(credential.proof[0].verificationMethod, doc.assertionMethod[0]!.id);
    assert.deepEqual(await verifyBadge(credential, doc), { verified: true, issuer: doc.id });

    const renamed = structuredClone(credential);
    renamed.credentialSubject.identifier[0].identityHash = 'Someone Else';
    const tampered = await verifyBadge(renamed, doc);
    assert.deepEqual(tampered, { verified: false, reason: 'Invalid signature.' });

    const elsewhere = await issuer(OTHER);
    const forged: IssuerDocument = { ...elsewhere, id: doc.id, assertionMethod: elsewhere.assertionMethod.map((k) => ({ ...k, id: doc.assertionMethod[0]!.id, controller: doc.id })) };
    const forgedResult = await verifyBadge(credential, forged);
    assert.deepEqual(forgedResult, { verified: false, reason: 'Invalid signature.' }, 'another trust\u2019s key does not verify it');
    const wrongIssuer = await verifyBadge(credential, elsewhere);
    assert.equal(wrongIssuer.verified, false);
    assert.match(wrongIssuer.verified ? '' : wrongIssuer.reason, /is not the issuer document's/);
  });

  it('plc-kit verify checks a downloaded file offline with the saved issuer document, and refuses a changed one', async () => {
    const [listing] = await mine('p-lead');
    const dir = mkdtempSync(join(tmpdir(), 'plc-badge-'));
    try {
      const file = join(dir, 'badge.json');
      const issuerFile = join(dir, 'issuer.json');
      writeFileSync(file, JSON.stringify((await download('p-lead', listing.id)).body));
      writeFileSync(issuerFile, JSON.stringify(await issuer()));
      const bin = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
      const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'verify', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DATABASE_URL: '' } });
      const ok = run(file, '--issuer', issuerFile);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /^verified: Published enquiry: Feedback that moves learning, issued by http/);
      writeFileSync(file, JSON.stringify({ ...(await download('p-lead', listing.id)).body, validFrom: '2020-01-01T00:00:00Z' }));
      const changed = run(file, '--issuer', issuerFile);
      assert.equal(changed.status, 1);
      assert.match(changed.stderr, /not verified: Invalid signature/);
      assert.match(run(file).stderr, /--issuer is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a person reads their own credentials; a CPD leader anyone\u2019s; nobody else another person\u2019s', async () => {
    const [anas] = await mine('p-ana');
    assert.equal((await download('p-ana', anas.id)).status, 200, 'self');
    assert.equal((await download('p-cpd', anas.id, ['teacher', 'cpd-leader'])).status, 200, 'CPD leader');
    for (const [reader, roles] of [['p-ben', ['teacher']], ['p-lead', ['teacher']], ['p-tch', ['teacher']], ['p-adm', ['admin']]] as const) {
      const reply = await download(reader, anas.id, [...roles]);
      assert.equal(reply.status, 404, `${reader} reads Ana's credential (answered as missing)`);
      const list = await (await as(reader, [...roles])).get('/v1/credentials?personId=p-ana');
      assert.equal(list.status, 403, `${reader} lists Ana's credentials`);
      assert.equal(list.body.reason, 'credential-private');
    }
    const cpd = await (await as('p-cpd', ['teacher', 'cpd-leader'])).get('/v1/credentials?personId=p-ana');
    assert.deepEqual(cpd.body.credentials.map((c: Json) => c.id), [anas.id]);
    assert.equal((await (await test.service(TRUST)).get('/v1/credentials?personId=p-ana')).body.credentials.length, 1, 'the service token');
    assert.equal((await (await test.service(TRUST)).get('/v1/credentials')).status, 403, 'a service token has none of its own');
    const outsider = await test.as('p-ana', OTHER, ['cpd-leader']);
    assert.equal((await outsider.get(`/v1/credentials/${anas.id}`)).status, 404, 'another trust');
    assert.equal((await client(test.url).get(`/v1/credentials/${anas.id}`)).status, 401, 'no token');
    assert.equal((await client(test.url).get('/v1/badges/issuers/no-such-trust')).status, 404);
  });

  it('the celebrate view shows published enquiries, titles and names only, to all staff', async () => {
    const reply = await (await as('p-tch')).get('/v1/celebrate');
    assert.equal(reply.status, 200);
    const enquiries = reply.body.enquiries as Json[];
    assert.deepEqual(enquiries.map((e) => e.title).sort(), ['Feedback that moves learning', 'Retrieval starters']);
    const group = enquiries.find((e) => e.enquiryId === 'e-group');
    assert.deepEqual(group.members.map((m: Json) => m.name).sort(), ['Ana Ruiz', 'Ben Okafor', 'Lena Lead']);
    assert.equal(group.cycleName, '2025-26');
    const text = JSON.stringify(reply.body);
    for (const secret of ['@private.example', 'NOTES-MUST-NOT-LEAK', 'REFLECTION-PRIVATE', 'Not yet published', 'proof']) assert.ok(!text.includes(secret), `the celebrate view carries ${secret}`);
    assert.equal((await (await as('p-tch')).get('/v1/celebrate?limit=1')).body.enquiries.length, 1);
    const bad = await (await as('p-tch')).get('/v1/celebrate?limit=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'limit');
    assert.equal((await client(test.url).get('/v1/celebrate')).status, 401);
  });

  // docs/privacy.md, "Recognition: Open Badges" (in a backup) and "Exports".
  it('the complete backup carries the key and credentials: restored on a fresh server, a credential issued before verifies with the issuer document served after', async () => {
    const [listing] = await mine('p-solo');
    const held = (await download('p-solo', listing.id)).body;
    const before = await issuer();
    const backup = (await service.get('/v1/backup')).body;
    assert.equal(backup.badges.key.issuerId, before.id);
    assert.equal(backup.badges.credentials.length, 4);
    const admins = (await (await as('p-adm', ['admin'])).get('/v1/backup')).body;
    assert.equal(admins.badges, undefined, "an administrator's backup carries neither key nor credentials");
    assert.ok(!JSON.stringify(admins).includes(backup.badges.key.secretKeyMultibase));

    const freshDb = await openTestDb();
    const fresh = await startServer(freshDb.db, { now: () => NOW });
    try {
      const restoring = await fresh.service(TRUST);
      const corrupt = await restoring.post('/v1/backup', { ...backup, badges: { ...backup.badges, key: { ...backup.badges.key, secretKeyMultibase: 'not-a-key' } } });
      assert.deepEqual([corrupt.status, corrupt.body.error, corrupt.body.field], [400, 'corrupt', 'badges.key.secretKeyMultibase'], 'a bad section is refused by name');
      assert.equal((await client(fresh.url).get(`/v1/badges/issuers/${TRUST}`)).status, 404, 'nothing was written');
      const imported = await restoring.post('/v1/backup', backup);
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      const after = (await client(fresh.url).get(`/v1/badges/issuers/${TRUST}`)).body as IssuerDocument;
      assert.deepEqual(after, before, 'the same issuer document, served by the new server');
      assert.deepEqual(await verifyBadge(held, after), { verified: true, issuer: before.id });
      const restored = (await (await fresh.as('p-solo', TRUST)).get('/v1/credentials')).body.credentials as Json[];
      assert.deepEqual(restored.map((c) => c.id), [listing.id], 'the same credential, not a new one');
      assert.deepEqual((await (await fresh.as('p-solo', TRUST)).get(`/v1/credentials/${listing.id}`)).body, held);
      const { rows } = await freshDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM badge_credentials WHERE trust_id = $1', [TRUST]);
      assert.equal(Number(rows[0]!.n), 4, 'nothing issued twice after the restore');
    } finally {
      await fresh.close();
      await freshDb.cleanup();
    }
  });

  it('the demo school, imported as its browser store’s backup, has its published projects’ credentials issued at once', async () => {
    const school = createMemoryStore();
    await seedDemo(school);
    const demo = await test.service(DEMO_TRUST!);
    const imported = await demo.post('/v1/backup', await school.exportBackup());
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    const issued = async () =>
      (await testDb.db.query<{ enquiry_id: string; person_id: string }>('SELECT enquiry_id, person_id FROM badge_credentials WHERE trust_id = $1 ORDER BY enquiry_id', [DEMO_TRUST])).rows;
    assert.deepEqual(await issued(), [{ enquiry_id: 'enq-reading-25', person_id: 'p-s08' }, { enquiry_id: 'enq-strategic-25', person_id: 'p-s01' }], 'before anyone reads them');
    const celebrate = (await (await test.as('p-beth', DEMO_TRUST!, ['teacher'])).get('/v1/celebrate')).body.enquiries as Json[];
    assert.deepEqual(celebrate.map((c) => c.title).sort(), ['Planning before doing', 'Reading aloud in every subject']);
    assert.deepEqual(((await (await test.as('p-s01', DEMO_TRUST!, ['teacher'])).get('/v1/credentials')).body.credentials as Json[]).map((c) => c.title), ['Planning before doing']);
    assert.equal((await issued()).length, 2, 'reading issues nothing more');
  });

  // docs/privacy.md, "Subject access requests" and "Erasure". These run last: they erase Ben.
  it('subject access includes the person\u2019s credentials as issued, and no one else\u2019s', async () => {
    const [listing] = await mine('p-ben');
    const signed = (await download('p-ben', listing.id)).body;
    const pack = await subjectAccess(testDb.db, TRUST, 'p-ben', NOW);
    assert.deepEqual(pack.credentials, [signed]);
    assert.deepEqual((await subjectAccess(testDb.db, TRUST, 'p-tch', NOW)).credentials, [], 'no published enquiry, no credential');
  });

  it('erasure deletes the person\u2019s credentials and never issues them again; a downloaded copy stays valid', async () => {
    const [listing] = await mine('p-ben');
    const kept = (await download('p-ben', listing.id)).body;
    const report = await erase(testDb.db, defaultLifecycle, TRUST, 'p-ben');
    assert.equal(report.credentials, 1);
    const cpd = await as('p-cpd', ['teacher', 'cpd-leader']);
    assert.deepEqual((await cpd.get('/v1/credentials?personId=p-ben')).body.credentials, [], 'not issued again on the next read');
    assert.equal((await cpd.get(`/v1/credentials/${listing.id}`)).status, 404);
    const celebrate = JSON.stringify((await (await as('p-tch')).get('/v1/celebrate')).body);
    assert.ok(!celebrate.includes('Ben Okafor') && !celebrate.includes('p-ben'), 'gone from the celebrate view');
    assert.deepEqual((await subjectAccess(testDb.db, TRUST, 'p-ben', NOW)).credentials, []);
    const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM badge_credentials WHERE trust_id = $1 AND person_id = $2', [TRUST, 'p-ben']);
    assert.equal(Number(rows[0]!.n), 0);
    assert.equal((await mine('p-ana')).length, 1, 'the other members keep theirs');
    assert.deepEqual(await verifyBadge(kept, await issuer()), { verified: true, issuer: kept.issuer.id }, 'the copy Ben downloaded still verifies');
  });

  it('an erased person is known by the erasure mark, not by a name: a colleague really called “Former colleague” earns theirs', async () => {
    const cpd = await as('p-cpd', ['teacher', 'cpd-leader']);
    // Ben is erased (above). A CPD leader's write of his record without the mark does not clear it.
    const ben = await cpd.get('/v1/records/people/p-ben');
    assert.ok(ben.body.record.erasedAt, JSON.stringify(ben.body));
    const unmarked = { ...ben.body.record, erasedAt: undefined };
    assert.equal((await cpd.put('/v1/records/people/p-ben', { ...unmarked, roles: ['teacher', 'coach'] }, { 'if-match': ben.headers.get('etag')! })).status, 200);
    assert.equal((await cpd.get('/v1/records/people/p-ben')).body.record.erasedAt, ben.body.record.erasedAt, 'the mark stays');
    await service.put('/v1/records/people/p-fc', person('p-fc', 'Former colleague'), { 'if-none-match': '*' });
    await service.put('/v1/records/communities/c2', { ...DIRECTORY.at(-1)![1], id: 'c2', name: 'Oracy PLC', memberIds: ['p-ben', 'p-fc'] }, { 'if-none-match': '*' });
    await push('e-later', publish('e-later', { title: 'Talk partners', kind: 'group', cycleId: 'cy-1', themeId: 'th-1', communityId: 'c2', ownerIds: ['p-fc'], track: 'plc' }, 'p-fc', 'p-lead'));
    assert.deepEqual((await mine('p-fc')).map((c) => c.name), ['Published enquiry: Talk partners'], 'a person really named so');
    assert.deepEqual((await cpd.get('/v1/credentials?personId=p-ben')).body.credentials, [], 'the erased member of the same enquiry');
    const { rows } = await testDb.db.query<{ person_id: string }>("SELECT person_id FROM badge_credentials WHERE trust_id = $1 AND enquiry_id = 'e-later' ORDER BY person_id", [TRUST]);
    assert.deepEqual(rows.map((r) => r.person_id), ['p-fc', 'p-lead']);
  });
});
