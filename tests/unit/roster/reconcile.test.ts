/**
 * The one reconcile step of every roster: joiners, movers, leavers and problems, from links and
 * email matches; leavers marked with leftOn and never removed; roles that only grow; a leaver
 * who comes back; bad entries named by field and nothing lost.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reconcileRoster, type ReconcileInput, type RosterEntry, type RosterPerson } from '../../../src/roster/index.js';

const person = (id: string, name: string, extra: Partial<RosterPerson> = {}): RosterPerson => ({
  schemaVersion: 1, id, name, email: `${id.slice(2)}@school.example`, schoolId: 'sch-1', roles: ['teacher'], ...extra,
});
const entry = (externalId: string, extra: Partial<RosterEntry> = {}): RosterEntry => ({ externalId, roles: ['teacher'], active: true, ...extra });
const input = (over: Partial<ReconcileInput>): ReconcileInput => ({
  source: 'lti:vle:staffroom', people: [], links: [], entries: [], today: '2026-09-01', defaultSchoolId: 'sch-1', newId: (e) => `p-new-${e.externalId}`, ...over,
});

describe('reconcileRoster', () => {
  const ana = person('p-ana', 'Ana Adeyemi');
  const ben = person('p-ben', 'Ben Brook', { roles: ['teacher', 'cpd-leader'] });
  const cara = person('p-cara', 'Cara Cole');

  it('finds joiners, movers by link and by email, leavers who are inactive or gone, and the unchanged', () => {
    const plan = reconcileRoster(input({
      people: [ana, ben, cara],
      links: [{ externalId: 'u-ana', personId: 'p-ana' }, { externalId: 'u-cara', personId: 'p-cara' }],
      entries: [
        entry('u-ana', { name: 'Ana Adeyemi-Smith', email: 'ana@school.example' }),
        entry('u-ben', { name: 'Ben Brook', email: 'BEN@school.example', roles: ['teacher', 'admin'] }),
        entry('u-dan', { name: 'Dan Dale', email: 'dan@school.example', schoolId: 'sch-2' }),
        entry('u-eve', { email: 'eve@school.example', active: false }),
      ],
    }));
    assert.deepEqual(plan.joiners.map((j) => j.person), [{ schemaVersion: 1, id: 'p-new-u-dan', name: 'Dan Dale', email: 'dan@school.example', schoolId: 'sch-2', roles: ['teacher'], joinedOn: '2026-09-01' }]);
    assert.deepEqual(plan.movers.map((m) => [m.personId, m.matchedBy, m.changes]), [
      ['p-ana', 'link', [{ field: 'name', from: 'Ana Adeyemi', to: 'Ana Adeyemi-Smith' }]],
      ['p-ben', 'email', [{ field: 'roles', from: ['teacher', 'cpd-leader'], to: ['admin', 'cpd-leader', 'teacher'] }]],
    ], 'an email match in another case is the same person; roles only grow');
    assert.deepEqual(plan.leavers.map((l) => [l.personId, l.reason, l.after.leftOn]), [['p-cara', 'missing', '2026-09-01']]);
    assert.deepEqual(plan.leavers[0]!.after, { ...cara, leftOn: '2026-09-01' }, 'a leaver keeps everything and gains leftOn');
    assert.deepEqual(plan.links, [{ externalId: 'u-ben', personId: 'p-ben' }, { externalId: 'u-dan', personId: 'p-new-u-dan' }]);
    assert.equal(plan.unchanged, 0);
    assert.deepEqual(plan.problems, []);
  });

  it('marks an inactive person as leaving on the source’s end date, and brings back someone who had left', () => {
    const left = person('p-lee', 'Lee Long', { leftOn: '2026-07-20' });
    const plan = reconcileRoster(input({
      people: [ana, left],
      links: [{ externalId: 'u-ana', personId: 'p-ana' }, { externalId: 'u-lee', personId: 'p-lee' }],
      entries: [entry('u-ana', { active: false, endedOn: '2026-08-31' }), entry('u-lee', { name: 'Lee Long' })],
    }));
    assert.deepEqual(plan.leavers.map((l) => [l.personId, l.reason, l.after.leftOn]), [['p-ana', 'inactive', '2026-08-31']]);
    assert.deepEqual(plan.movers.map((m) => [m.personId, m.changes, m.after.leftOn, m.after.joinedOn]), [['p-lee', [{ field: 'leftOn', from: '2026-07-20', to: undefined }], undefined, '2026-09-01']]);
  });

  it('changes nothing for a roster that matches the directory, and never touches people another source manages', () => {
    const plan = reconcileRoster(input({ people: [ana, ben], links: [{ externalId: 'u-ana', personId: 'p-ana' }], entries: [entry('u-ana', { name: 'Ana Adeyemi' })] }));
    assert.deepEqual([plan.joiners, plan.movers, plan.leavers, plan.unchanged], [[], [], [], 1], 'Ben is not in this source, so he is not a leaver');
  });

  it('reports duplicates, shared emails, entries matching one person twice, no school and no name, and keeps the rest', () => {
    const twin = person('p-twin', 'Twin', { email: 'ana@school.example' });
    const plan = reconcileRoster(input({
      defaultSchoolId: undefined,
      people: [ana, twin, ben],
      links: [{ externalId: 'u-ben', personId: 'p-ben' }],
      entries: [
        entry('u-1', { email: 'ana@school.example' }),
        entry('u-ben', { name: 'Ben Brook' }),
        entry('u-ben', { name: 'Ben Again' }),
        entry('u-ben2', { email: 'ben@school.example' }),
        entry('u-new', { name: 'No School' }),
        entry('u-anon', { schoolId: 'sch-1' }),
        entry('u-ok', { name: 'Olu Ok', schoolId: 'sch-1', email: 'not an email' }),
        entry('u-fine', { name: 'Fay Fine', schoolId: 'sch-1' }),
      ],
    }));
    assert.deepEqual(plan.problems.map((p) => [p.externalId, p.field, p.code]), [
      ['u-1', 'email', 'ambiguous-email'],
      ['u-ben', 'externalId', 'duplicate-entry'],
      ['u-ben2', 'externalId', 'already-matched'],
      ['u-new', 'schoolId', 'no-school'],
      ['u-anon', 'name', 'invalid'],
      ['u-ok', 'email', 'invalid'],
    ]);
    assert.deepEqual(plan.joiners.map((j) => j.person.name), ['Fay Fine']);
    assert.equal(plan.unchanged, 1);
  });
});
