/**
 * LTI Advantage services against the platform simulator: Dynamic Registration from a one-time
 * link, the deep-linking picker and its signed response (verified by the platform), and the
 * roster through Names and Role Provisioning (a client assertion verified against plc-kit's JWKS,
 * paging) and a OneRoster CSV, each previewed as joiners, movers and leavers, then applied:
 * leavers keep their records, gain leftOn and lose their sessions at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlatform, ROLE, type TestPlatform } from '../support/lti-platform.js';
import { launcher, pageData, STAFF } from '../support/lti-launch.js';
import { createRosterClient, RosterServiceError } from '../../src/roster/index.js';
import { publishedLog } from '../support/vle-fixtures.js';
import { client, ON, seedTrust, serverForSuite, tokenFor, type Json, type TestServer } from './helpers.js';

const TRUST = 'trust-services';

describe(`server: LTI services and rosters (${ON})`, () => {
  let test: TestServer;
  let platform: TestPlatform;
  serverForSuite((_db, server) => (test = server), { signin: { jwksCooldownMs: 0 } });
  const { launch } = launcher(() => test.url, () => platform);
  const admin = () => test.as('p-admin', TRUST, ['admin']);

  before(async () => {
    platform = await startPlatform({ clientId: 'dyn-client-1', deploymentId: 'dyn-deployment-1' });
    platform.toolJwksUrl = `${test.url}/lti/jwks`;
    await seedTrust(test, TRUST, STAFF.slice(0, 2).map((p) => ['people', p] as [string, { id: string }]));
  });
  after(() => platform?.close());

  it('registers with the VLE from a one-time link (Dynamic Registration), which then cannot be used again', async () => {
    const teacher = await test.as('p-ola', TRUST);
    assert.equal((await teacher.post('/v1/lti/registration-links', {})).status, 403);
    const link = await (await admin()).post('/v1/lti/registration-links', { schoolId: 'sch-north' });
    assert.equal(link.status, 201);
    const registration = `${link.body.url}&openid_configuration=${encodeURIComponent(platform.openidConfigurationUrl)}&registration_token=reg-token-1`;
    const page = await fetch(registration);
    const html = await page.text();
    assert.equal(page.status, 200, html);
    assert.match(html, /registered\.js/, 'the page tells the VLE to close (org.imsglobal.lti.close)');
    const sent = platform.registrations[0]!;
    assert.deepEqual([sent['initiate_login_uri'], sent['jwks_uri'], sent['redirect_uris']], [`${test.url}/lti/login`, `${test.url}/lti/jwks`, [`${test.url}/lti/launch`]]);
    assert.equal(sent['scope'], 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly');
    const platforms = (await (await admin()).get('/v1/lti/platforms')).body.platforms;
    assert.deepEqual(platforms.map((p: Json) => [p.issuer, p.clientId, p.deploymentIds, p.schoolId, p.tokenUrl]), [[platform.issuer, 'dyn-client-1', ['dyn-deployment-1'], 'sch-north', `${platform.url}/token`]]);
    const again = await fetch(registration);
    assert.equal(again.status, 401);
    assert.ok(test.logs.some((l) => l.msg === 'lti registration refused'));
  });

  it('places a view in a course through the deep-linking picker, signed and accepted by the platform', async () => {
    const request = await launch({ sub: 'u-ola', email: 'ola@north.example', messageType: 'LtiDeepLinkingRequest' });
    assert.equal(request.status, 200, request.html);
    assert.match(request.html, /Add plc-kit to this course/);
    assert.match(request.html, /value="board:com-afl"/, 'the picker offers the trust’s communities');
    const ticket = /name="ticket" value="([^"]+)"/.exec(request.html)![1]!;
    const chosen = await fetch(`${test.url}/lti/deep-link`, { method: 'POST', body: new URLSearchParams({ ticket, choice: 'board:com-afl', title: 'Our PLC board' }) });
    const returnPage = await chosen.text();
    assert.equal(chosen.status, 200);
    assert.match(chosen.headers.get('content-security-policy') ?? '', new RegExp(`form-action 'self' ${platform.url}`));
    const action = /form method="post" action="([^"]+)"/.exec(returnPage)![1]!;
    const jwt = /name="JWT" value="([^"]+)"/.exec(returnPage)![1]!;
    const accepted = await fetch(action.replace(/&amp;/g, '&'), { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    assert.equal(accepted.status, 200, await accepted.text());
    const response = platform.deepLinks[0]!;
    assert.equal(response['https://purl.imsglobal.org/spec/lti/claim/deployment_id'], 'dyn-deployment-1');
    assert.equal(response['https://purl.imsglobal.org/spec/lti-dl/claim/data'], 'opaque-platform-data', 'the platform’s data comes back unchanged');
    assert.deepEqual(response['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'], [{ type: 'ltiResourceLink', title: 'Our PLC board', url: `${test.url}/lti/launch`, custom: { plc_view: 'board', plc_community: 'com-afl' } }]);
    const reused = await fetch(`${test.url}/lti/deep-link`, { method: 'POST', body: new URLSearchParams({ ticket, choice: 'my-enquiries' }) });
    assert.equal(reused.status, 401);
    const placed = (response['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ custom: Record<string, string> }>)[0]!;
    const launched = await launch({ sub: 'u-ola', custom: placed.custom });
    assert.deepEqual(launched.data.view, { view: 'board', lang: 'en-GB', community: 'com-afl' });
  });

  it('places a published outcome in a course as HTML (its VLE snippet), signed and accepted by the platform; one not published for the VLE is not offered', async () => {
    const service = await test.service(TRUST);
    for (const [id, title, audiences] of [['enq-dl-vle', 'Feedback in the course', ['booklet', 'vle']], ['enq-dl-book', 'Only in the booklet', ['booklet']]] as const) {
      const events = publishedLog(id, title, [...audiences]);
      const pushed = await service.post(`/v1/enquiries/${id}/events`, { events });
      assert.ok(pushed.body.results.every((r: Json) => r.status === 'appended'), JSON.stringify(pushed.body));
    }
    const request = await launch({ sub: 'u-ola', email: 'ola@north.example', messageType: 'LtiDeepLinkingRequest' });
    assert.match(request.html, /value="outcome:enq-dl-vle"/);
    assert.doesNotMatch(request.html, /outcome:enq-dl-book/, 'an outcome published for the booklet only is not offered');
    const ticket = /name="ticket" value="([^"]+)"/.exec(request.html)![1]!;
    const refused = await fetch(`${test.url}/lti/deep-link`, { method: 'POST', body: new URLSearchParams({ ticket, choice: 'outcome:enq-dl-book' }) });
    assert.equal(refused.status, 400, 'a forged choice of an outcome not for the VLE is refused');
    const again = await launch({ sub: 'u-ola', email: 'ola@north.example', messageType: 'LtiDeepLinkingRequest' });
    const chosen = await fetch(`${test.url}/lti/deep-link`, { method: 'POST', body: new URLSearchParams({ ticket: /name="ticket" value="([^"]+)"/.exec(again.html)![1]!, choice: 'outcome:enq-dl-vle' }) });
    const returnPage = await chosen.text();
    assert.equal(chosen.status, 200, returnPage);
    const action = /form method="post" action="([^"]+)"/.exec(returnPage)![1]!;
    const jwt = /name="JWT" value="([^"]+)"/.exec(returnPage)![1]!;
    const accepted = await fetch(action.replace(/&amp;/g, '&'), { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    assert.equal(accepted.status, 200, await accepted.text());
    const items = platform.deepLinks.at(-1)!['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ type: string; title: string; html: string }>;
    assert.deepEqual(items.map((i) => [i.type, i.title]), [['html', 'Feedback in the course']]);
    assert.match(items[0]!.html, /<h3>Feedback in the course<\/h3>/);
    const link = /<a href="([^"]+)">Read the whole outcome<\/a>/.exec(items[0]!.html)![1]!;
    assert.ok(link.startsWith(`${test.url}/vle/`), 'the snippet links to the outcome’s page, absolute');
    assert.equal((await fetch(link)).status, 200);
  });

  it('previews the course roster through Names and Roles (paged), applies it, and ends a leaver’s sessions', async () => {
    platform.members = [
      { user_id: 'u-ola', roles: [ROLE.instructor], name: 'Ola Okafor-Reid', email: 'ola@north.example', status: 'Active' },
      { user_id: 'u-kim', roles: [ROLE.instructor], name: 'Kim Kay', email: 'kim@north.example', status: 'Active' },
      { user_id: 'u-new', roles: [ROLE.contentDeveloper, ROLE.mentor], given_name: 'Nia', family_name: 'New', email: 'nia@north.example' },
      { user_id: 'u-stu', roles: [ROLE.learner], name: 'A Student' },
      { user_id: 'u-nodata', roles: [ROLE.instructor] },
    ];
    const api = await admin();
    const first = await api.post('/v1/roster/preview', { source: 'lti', platformId: (await api.get('/v1/lti/platforms')).body.platforms[0].id, contextId: 'course-staffroom' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.pages, 3, 'five members, two a page');
    assert.deepEqual(platform.grants.map((g) => g.scope), ['https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly']);
    const { plan } = first.body;
    assert.deepEqual(plan.joiners.map((j: Json) => [j.person.name, j.person.roles, j.person.schoolId, j.person.joinedOn]), [['Nia New', ['coach', 'teacher'], 'sch-north', plan.today]]);
    assert.deepEqual(plan.movers.map((m: Json) => [m.personId, m.changes.map((c: Json) => c.field)]), [['p-ola', ['name']]]);
    assert.deepEqual(plan.problems.map((p: Json) => [p.externalId, p.field]), [['u-nodata', 'name']], 'a member with no name or email is named, not guessed');
    assert.equal(first.body.skipped, 1, 'the learner is not read');

    const applied = await api.post(`/v1/roster/plans/${first.body.planId}/apply`, {});
    assert.deepEqual(applied.body.results.map((r: Json) => [r.kind, r.status]), [['joiner', 'applied'], ['mover', 'applied']]);
    assert.equal((await api.post(`/v1/roster/plans/${first.body.planId}/apply`, {})).status, 409);
    const nia = await api.get(`/v1/records/people/${plan.joiners[0].person.id}`);
    assert.equal(nia.body.record.name, 'Nia New');

    const kim = await launch({ sub: 'u-kim', roles: [ROLE.instructor] });
    assert.equal(kim.data.session.personId, 'p-kim', 'linked by the roster: a launch with no personal data finds Kim');
    platform.members = platform.members.filter((m) => m.user_id !== 'u-kim').map((m) => (m.user_id === 'u-new' ? { ...m, status: 'Inactive' as const } : m));
    const second = await api.post('/v1/roster/preview', { source: 'lti', platformId: (await api.get('/v1/lti/platforms')).body.platforms[0].id, contextId: 'course-staffroom' });
    assert.deepEqual(second.body.plan.leavers.map((l: Json) => [l.personId, l.reason]).sort(), [[plan.joiners[0].person.id, 'inactive'], ['p-kim', 'missing']].sort());
    const skipNia = await api.post(`/v1/roster/plans/${second.body.planId}/apply`, { skip: ['u-new'] });
    assert.deepEqual(skipNia.body.results.map((r: Json) => [r.personId, r.status]).sort(), [[plan.joiners[0].person.id, 'skipped'], ['p-kim', 'applied']].sort());
    const kimRecord = await api.get('/v1/records/people/p-kim');
    assert.equal(kimRecord.body.record.leftOn, second.body.plan.today, 'the leaver keeps their record, with leftOn');
    const refused = await client(test.url, kim.data.session.token).get('/v1/enquiries');
    assert.deepEqual([refused.status, refused.body.error], [401, 'left'], 'and their session ends at once');
    assert.ok(test.logs.some((l) => l.msg === 'roster applied' && l['applied'] === 1 && l['skipped'] === 1));
  });

  it('previews a OneRoster CSV export, naming bad files and fields', async () => {
    const api = await admin();
    const users = `sourcedId,status,enabledUser,givenName,familyName,email,role,orgSourcedIds
or-1,active,true,Kim,Kay,kim@north.example,teacher,org-n
or-2,active,true,Omar,Oduya,omar@north.example,teacher,org-n
or-3,active,true,Stu,Dent,,student,org-n`;
    const orgs = `sourcedId,name,type\norg-n,Northgate Academy,school`;
    // Through the browser's client (the wire types <plc-roster-review> uses), against the real server.
    const rosterClient = createRosterClient(test.url, () => tokenFor({ sub: 'p-admin', trust: TRUST, roles: ['admin'] }));
    const courses = await rosterClient.courses();
    assert.deepEqual(courses.map((c) => [c.contextId, c.readable, c.title]), [['course-staffroom', true, 'Staff room']]);
    const preview = { body: await rosterClient.preview({ source: 'oneroster', files: { users, orgs } }) };
    assert.deepEqual(preview.body.plan.joiners.map((j: Json) => [j.person.name, j.person.schoolId]), [['Omar Oduya', 'sch-north']]);
    assert.deepEqual(preview.body.plan.movers.map((m: Json) => [m.personId, m.changes.map((c: Json) => c.field)]), [['p-kim', ['leftOn']]], 'Kim is back: her leftOn goes');
    assert.equal(preview.body.skipped, 1);
    await assert.rejects(rosterClient.preview({ source: 'oneroster', files: { users: '' } }).then(() => rosterClient.apply('rp-nope', [])), (error: RosterServiceError) => error.status === 404 && error.field === 'planId');
    const bad = await api.post('/v1/roster/preview', { source: 'oneroster', files: {} });
    assert.deepEqual([bad.status, bad.body.field], [400, 'files.users']);
    const wrong = await api.post('/v1/roster/preview', { source: 'sis' });
    assert.deepEqual([wrong.status, wrong.body.field], [400, 'source']);
    assert.equal((await (await test.as('p-ola', TRUST)).post('/v1/roster/preview', { source: 'oneroster', files: { users } })).status, 403);
    assert.equal(pageData('<p></p>', 'x'), undefined);
  });
});
