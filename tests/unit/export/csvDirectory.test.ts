/**
 * Staff and appraisal imports from CSV: good files, tolerant headers, every kind of bad row with
 * its line, field and problem, quoted fields with commas and line breaks, a byte order mark, a
 * 1,000-row file; and the exports, which import back unchanged.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  appraisalSummaryToCsv,
  appraisalsToCsv,
  communitiesToCsv,
  importAppraisalsCsv,
  importStaffCsv,
  parseCsv,
  parseRoles,
  parseYesNo,
  peopleToCsv,
  slugId,
  type ImportProblem,
  type StaffImportContext,
} from '../../../src/export/index.js';
import { AppraisalRecord, Person } from '../../../src/schema/directory.js';
import { appraisals, communities, cycles, people, school, secondSchool, themes } from '../../../examples/demo/seed.js';

const staffContext: StaffImportContext = { schools: [school, secondSchool], people };
const appraisalContext = { people, cycles, themes, appraisals };

/** Problems as `line field code` strings, for compact assertions. */
const brief = (problems: readonly ImportProblem[]) => problems.map((p) => `${p.line} ${p.field} ${p.code}`);

const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('importStaffCsv', () => {
  it('reads a good file: new people, updates by id and by email, ids made from names', () => {
    const report = importStaffCsv(
      crlf(
        'Name,Email,School,Roles,New staff,Line manager',
        'Lena Ortiz,lena@oakfield.example,Oakfield Academy,teacher,yes,p-amir',
        'Amir Khan,,sch-oakfield,"teacher; coach",no,',
        'Mo Reed,mo@brookside.example,sch-brookside,Teacher,0,lena@oakfield.example',
      ),
      staffContext,
    );
    assert.deepEqual(report.problems, []);
    assert.equal(report.rows, 3);
    const [lena, amir, mo] = report.valid;
    assert.deepEqual(lena, {
      line: 2,
      update: false,
      record: { schemaVersion: 1, id: 'p-lena-ortiz', name: 'Lena Ortiz', email: 'lena@oakfield.example', schoolId: 'sch-oakfield', roles: ['teacher'], newStaff: true, lineManagerId: 'p-amir' },
    });
    // Without an id or an email a row is a new person: names are not unique, so they never match.
    assert.equal(amir!.update, false);
    assert.equal(amir!.record.id, 'p-amir-khan');
    assert.deepEqual(amir!.record.roles, ['teacher', 'coach']);
    // A line manager further up the file, named by email.
    assert.equal(mo!.record.lineManagerId, 'p-lena-ortiz');
    assert.equal(mo!.record.schoolId, 'sch-brookside');
    for (const row of report.valid) assert.equal(Person.safeParse(row.record).success, true);
  });

  it('updates by id, or by email (ignoring case); missing columns and empty cells keep what is stored', () => {
    const report = importStaffCsv(
      crlf('id,name,email,roles,new staff', 'p-beth,Beth Evans-Hall,,,', ',Clare Berry,P-CLARE@EXAMPLE.ORG,,'),
      { schools: [school, secondSchool], people: people.map((p) => (p.id === 'p-clare' ? { ...p, email: 'p-clare@example.org' } : p)) },
    );
    assert.deepEqual(report.problems, []);
    const [beth, clare] = report.valid;
    assert.equal(beth!.update, true);
    assert.deepEqual(beth!.record, { ...people.find((p) => p.id === 'p-beth')!, name: 'Beth Evans-Hall' });
    assert.equal(clare!.update, true);
    assert.equal(clare!.record.id, 'p-clare');
    assert.deepEqual(clare!.record.roles, ['cpd-leader', 'teacher']);
    assert.equal(clare!.record.email, 'P-CLARE@EXAMPLE.ORG');
  });

  it('accepts tolerant column names, accents, a byte order mark, semicolons and a single school', () => {
    const text = '\uFEFFNOMBRE;Correo electrónico;Rol;Personal nuevo;Department\r\nJosé Núñez;jose@x.es;Docente / Administrador;sí;Maths\r\n';
    const report = importStaffCsv(text, { schools: [school], people: [] });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.ignoredColumns, ['Department']);
    assert.deepEqual(report.valid[0]!.record, {
      schemaVersion: 1,
      id: 'p-jose-nunez',
      name: 'José Núñez',
      email: 'jose@x.es',
      schoolId: 'sch-oakfield',
      roles: ['teacher', 'admin'],
      newStaff: true,
    });
  });

  it('reads quoted fields with commas, quotes and line breaks, reporting later lines correctly', () => {
    const report = importStaffCsv(
      crlf('name,email,school,roles', '"Berry, Clare ""CB""",cb@x.org,sch-oakfield,"teacher,coach"', '"Ann\r\nMarie Lowe",am@x.org,sch-oakfield,teacher', 'Bad Row,not-an-email,sch-oakfield,teacher'),
      staffContext,
    );
    assert.equal(report.valid[0]!.record.name, 'Berry, Clare "CB"');
    assert.deepEqual(report.valid[0]!.record.roles, ['teacher', 'coach']);
    assert.equal(report.valid[1]!.record.name, 'Ann\nMarie Lowe');
    assert.equal(report.valid[1]!.line, 3);
    // The record after the two-line one starts on line 5.
    assert.deepEqual(brief(report.problems), ['5 email invalid-email']);
  });

  it('reports every kind of bad row with its line, field and problem, and keeps the good rows', () => {
    const text = crlf(
      'id,name,email,school,roles,new staff,line manager',
      'p-ok,Good Person,good@x.org,sch-oakfield,teacher,no,', // 2 valid
      'p-noname,,noname@x.org,sch-oakfield,teacher,no,', // 3 name required
      'p-badmail,Bad Mail,not-an-email,sch-oakfield,teacher,no,', // 4 email
      'p-school,Nowhere,nowhere@x.org,Atlantis High,teacher,no,', // 5 school
      'p-role,Odd Role,role@x.org,sch-oakfield,"teacher; wizard",no,', // 6 role
      'p-new,Maybe New,new@x.org,sch-oakfield,teacher,perhaps,', // 7 new staff
      'p-lm,No Manager,lm@x.org,sch-oakfield,teacher,no,p-nobody', // 8 line manager
      'p-ok,Twice,twice@x.org,sch-oakfield,teacher,no,', // 9 duplicate id
      'p-dupmail,Dup Mail,GOOD@x.org,sch-oakfield,teacher,no,', // 10 duplicate email
      'bad id!,Bad Id,badid@x.org,sch-oakfield,teacher,no,', // 11 id characters
      'p-taken,Taken Mail,clare@taken.example,sch-oakfield,teacher,no,', // 12 email of another person
      'p-self,Self,self@x.org,sch-oakfield,teacher,no,p-self', // 13 own line manager
      'p-long,' + 'x'.repeat(201) + ',long@x.org,sch-oakfield,teacher,no,', // 14 too long
      'p-extra,Smith, John,extra@x.org,sch-oakfield,teacher,no,p-amir', // 15 extra cells
      ',,,,,,', // blank: skipped
      'p-quote,"Unclosed,q@x.org,sch-oakfield,teacher,no,', // 17 unclosed quote (to the end)
    );
    const context = { schools: [school, secondSchool], people: people.map((p) => (p.id === 'p-clare' ? { ...p, email: 'clare@taken.example' } : p)) };
    const report = importStaffCsv(text, context);
    assert.deepEqual(
      report.valid.map((r) => r.line),
      [2],
    );
    assert.deepEqual(brief(report.problems), [
      '3 name required',
      '4 email invalid-email',
      '5 school unknown-school',
      '6 roles unknown-role',
      '7 new staff not-yes-no',
      '8 line manager unknown-line-manager',
      '9 id duplicate',
      '10 email duplicate',
      '11 id invalid-id',
      '12 email email-taken',
      '13 line manager own-line-manager',
      '14 name too-long',
      '15 row extra-cells',
      '17 row unclosed-quote',
    ]);
    const at = (line: number) => report.problems.find((p) => p.line === line)!;
    assert.equal(at(5).value, 'Atlantis High');
    assert.equal(at(5).problem, 'There is no school "Atlantis High" in the directory.');
    assert.equal(at(6).value, 'wizard');
    assert.match(at(6).problem, /use teacher, cpd-leader, coach or admin/);
    assert.equal(at(7).problem, '"perhaps" is not yes or no (use yes/no, true/false or 1/0).');
    assert.equal(at(9).otherLine, 2);
    assert.equal(at(10).otherLine, 2);
    assert.match(at(12).problem, /another person in the directory \(p-clare\)/);
    assert.match(at(15).problem, /double quotes/);
    assert.equal(report.rows, 15);
  });

  it('refuses a file without a name column, and new people without a school when there are several schools', () => {
    assert.deepEqual(brief(importStaffCsv('email\r\na@x.org\r\n', staffContext).problems), ['1 name missing-column']);
    const noSchool = importStaffCsv('name\r\nAnn\r\n', staffContext);
    assert.deepEqual(brief(noSchool.problems), ['2 school required']);
    assert.deepEqual(noSchool.valid, []);
    assert.deepEqual(importStaffCsv('name\r\nAnn\r\n', { schools: [school], people: [] }).valid[0]!.record.schoolId, 'sch-oakfield');
  });

  it('reports an empty file and duplicate columns', () => {
    assert.deepEqual(brief(importStaffCsv('', staffContext).problems), ['1 file empty-file']);
    assert.deepEqual(brief(importStaffCsv('\uFEFF\r\n\r\n', staffContext).problems), ['1 file empty-file']);
    const report = importStaffCsv('name,full name,school\r\nAnn,Annie,sch-oakfield\r\n', staffContext);
    assert.deepEqual(brief(report.problems), ['1 name duplicate-column']);
    assert.equal(report.valid[0]!.record.name, 'Ann');
  });

  it('reads back a formula-guarded export unchanged', () => {
    const tricky: Person = { schemaVersion: 1, id: 'p-eq', name: '=Not a formula', schoolId: 'sch-oakfield', roles: ['teacher'], email: 'eq@x.org' };
    const text = peopleToCsv([tricky]);
    assert.match(text, /'=Not a formula/);
    assert.deepEqual(importStaffCsv(text, staffContext).valid[0]!.record, { ...tricky, newStaff: false });
  });

  it('imports the people export back as the same records (updates)', () => {
    const report = importStaffCsv(peopleToCsv(people, { bom: true }), staffContext);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(
      report.valid.map((r) => r.record),
      people.map((p) => ({ ...p, newStaff: p.newStaff ?? false })),
    );
    assert.ok(report.valid.every((r) => r.update));
  });

  it('reads a file Excel saved with a sep=; first line, naming lines as the spreadsheet shows them', () => {
    const report = importStaffCsv('sep=;\r\nName;Email\r\nLena Ortiz;lena@oakfield.example\r\n;nobody@oakfield.example\r\n', { schools: [school], people });
    assert.deepEqual(report.valid.map((r) => [r.line, r.record.name]), [[3, 'Lena Ortiz']]);
    assert.deepEqual(brief(report.problems), ['4 name required']);
  });

  it('warns before a names-only file imported twice creates a second "Ann Lee", and before two in one file', () => {
    const names = crlf('Name', 'Ann Lee', 'Bo Tran');
    const first = importStaffCsv(names, { schools: [school], people: [] });
    assert.deepEqual(first.warnings, []);
    const stored = first.valid.map((r) => r.record);
    const again = importStaffCsv(names, { schools: [school], people: stored });
    assert.deepEqual(again.problems, []);
    // Still valid (it may be someone else with the name), but each row says why to confirm it.
    assert.deepEqual(again.valid.map((r) => [r.line, r.update, r.warning?.code]), [[2, false, 'same-name'], [3, false, 'same-name']]);
    assert.deepEqual(again.warnings.map((w) => [w.line, w.field, w.code, w.value, w.otherId]), [
      [2, 'name', 'same-name', 'Ann Lee', stored[0]!.id],
      [3, 'name', 'same-name', 'Bo Tran', stored[1]!.id],
    ]);
    assert.match(again.warnings[0]!.problem, /Ann Lee \(p-ann-lee\) is already in the directory: this row would add a second person called Ann Lee/);
    assert.notEqual(again.valid[0]!.record.id, stored[0]!.id, 'a second record, if confirmed, never overwrites the first');

    const twice = importStaffCsv(crlf('Name', 'Ann Lee', 'ann  lee'), { schools: [school], people: [] });
    assert.deepEqual(twice.warnings.map((w) => [w.line, w.otherLine]), [[3, 2]]);
    // A new email may be the same Ann Lee's first email: still worth asking. An id says who is meant.
    const withEmail = importStaffCsv(crlf('Name,Email', 'Ann Lee,ann.lee2@oakfield.example'), { schools: [school], people: stored });
    assert.deepEqual(withEmail.warnings.map((w) => w.otherId), [stored[0]!.id]);
    const withId = importStaffCsv(crlf('Id,Name', 'p-ann-lee-2,Ann Lee'), { schools: [school], people: stored });
    assert.deepEqual(withId.warnings, []);
  });

  it('checks a 1,000-row file, finding the bad rows among them', () => {
    const rows = ['id,name,email,school,roles,new staff,line manager'];
    for (let i = 1; i <= 1000; i += 1) {
      const bad = i % 100 === 0;
      rows.push(`p-${i},"Teacher ${i}, Dept ${i % 7}",t${i}@x.org,${bad ? 'Nowhere' : 'sch-oakfield'},teacher,${i % 2 ? 'yes' : 'no'},${i > 1 ? `p-${i - 1}` : ''}`);
    }
    const report = importStaffCsv(rows.join('\n'), staffContext);
    assert.equal(report.rows, 1000);
    assert.equal(report.valid.length, 990);
    assert.deepEqual(
      report.problems.map((p) => p.line),
      Array.from({ length: 10 }, (_, i) => (i + 1) * 100 + 1),
    );
    assert.equal(report.valid[5]!.record.lineManagerId, 'p-5');
  });
});

describe('importAppraisalsCsv', () => {
  it('reads a good file by id, email or name, and updates the stored record for the same person, cycle and aspect', () => {
    const ctx = { ...appraisalContext, people: people.map((p) => (p.id === 'p-beth' ? { ...p, email: 'beth@oakfield.example' } : p)) };
    const report = importAppraisalsCsv(
      crlf('Staff email,Cycle,Aspect of practice,Strength', 'BETH@oakfield.example,2026-27,asp-oracy,Yes', 'p-chen,cy-2026,Feedback,0', 'p-amir,cy-2026,asp-strategic,TRUE'),
      ctx,
    );
    assert.deepEqual(report.problems, []);
    assert.deepEqual(
      report.valid.map((r) => [r.line, r.record.personId, r.record.cycleId, r.record.aspectId, r.record.strength, r.update]),
      [
        [2, 'p-beth', 'cy-2026', 'asp-oracy', true, false],
        [3, 'p-chen', 'cy-2026', 'asp-feedback', false, false],
        [4, 'p-amir', 'cy-2026', 'asp-strategic', true, true],
      ],
    );
    assert.equal(report.valid[0]!.record.id, 'ap-p-beth-cy-2026-asp-oracy');
    assert.equal(report.valid[2]!.record.id, 'ap-p-amir-strategic');
    for (const row of report.valid) assert.equal(AppraisalRecord.safeParse(row.record).success, true);
  });

  it('reports every kind of bad row with its line, field and problem', () => {
    const report = importAppraisalsCsv(
      crlf(
        'person,cycle,aspect,strength',
        'p-beth,cy-2026,asp-oracy,no', // 2 valid
        'p-ghost,cy-2026,asp-oracy,yes', // 3 unknown person
        'p-chen,cy-1999,asp-oracy,yes', // 4 unknown cycle
        'p-chen,cy-2026,asp-juggling,yes', // 5 unknown aspect
        'p-chen,cy-2026,asp-oracy,maybe', // 6 not yes/no
        ',cy-2026,asp-oracy,', // 7 person and strength required
        'p-beth,2026-27,Talk for learning,1', // 8 duplicate of line 2
        '"p-dana","cy-2026"x,asp-oracy,1', // 9 text after quote
      ),
      appraisalContext,
    );
    assert.deepEqual(report.valid.map((r) => r.line), [2]);
    assert.deepEqual(brief(report.problems), [
      '3 person unknown-person',
      '4 cycle unknown-cycle',
      '5 aspect unknown-aspect',
      '6 strength not-yes-no',
      '7 person required',
      '7 strength required',
      '8 row duplicate',
      '9 row text-after-quote',
    ]);
    assert.equal(report.problems.find((p) => p.line === 8)!.otherLine, 2);
    assert.equal(report.problems.find((p) => p.line === 3)!.problem, 'No person with the id or email "p-ghost" is in the directory.');
  });

  it('reports a name shared by two aspects as ambiguous', () => {
    const twoThemes = [...themes, { schemaVersion: 1, id: 'th-x', name: 'X', aspects: [{ id: 'asp-oracy-2', name: 'Talk for learning' }] }];
    const report = importAppraisalsCsv('person,cycle,aspect,strength\np-beth,cy-2026,talk for learning,yes\n', { ...appraisalContext, themes: twoThemes });
    assert.deepEqual(brief(report.problems), ['2 aspect ambiguous']);
  });

  it('names the missing columns', () => {
    assert.deepEqual(brief(importAppraisalsCsv('person,cycle\r\np-beth,cy-2026\r\n', appraisalContext).problems), ['1 aspect missing-column', '1 strength missing-column']);
  });

  it('imports its own export back', () => {
    const report = importAppraisalsCsv(appraisalsToCsv(appraisals), appraisalContext);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.valid.map((r) => r.record), appraisals);
  });
});

describe('exports', () => {
  it('writes people with a header row, roles joined and formula cells guarded', () => {
    const rows = parseCsv(peopleToCsv(people.slice(0, 2))).rows.map((r) => r.fields);
    assert.deepEqual(rows, [
      ['id', 'name', 'email', 'school', 'roles', 'new staff', 'line manager'],
      ['p-clare', 'Clare Berry', '', 'sch-oakfield', 'cpd-leader; teacher', 'no', ''],
      ['p-amir', 'Amir Khan', '', 'sch-oakfield', 'teacher', 'no', 'p-clare'],
    ]);
  });

  it('writes communities with names where known and meeting slots', () => {
    const names = { person: (id: string) => people.find((p) => p.id === id)?.name, theme: (id: string) => themes.find((t) => t.id === id)?.name, cycle: (id: string) => cycles.find((c) => c.id === id)?.name };
    const rows = parseCsv(communitiesToCsv(communities.slice(0, 1), { names })).rows.map((r) => r.fields);
    assert.deepEqual(rows[1], [
      'com-feedback',
      'Feedback that moves learning',
      '2026-27',
      'Assessment for learning',
      'Amir Khan',
      'Amir Khan; Beth Evans; Chen Li',
      'Dana Okafor',
      'sch-oakfield',
      'Wed 15:30, 60 min, Library',
    ]);
  });

  it('writes appraisal figures across staff without naming anyone', () => {
    const text = appraisalSummaryToCsv(appraisals);
    assert.ok(!/\bp-/.test(text));
    const rows = parseCsv(text).rows.map((r) => r.fields);
    assert.deepEqual(rows[0], ['cycle', 'aspect', 'records', 'strengths', 'share']);
    const literacy = rows.find((r) => r[1] === 'asp-literacy')!;
    const expected = appraisals.filter((a) => a.aspectId === 'asp-literacy');
    assert.deepEqual(literacy.slice(2, 4), [String(expected.length), String(expected.filter((a) => a.strength).length)]);
  });
});

describe('helpers', () => {
  it('reads yes/no, roles and makes readable unique ids', () => {
    assert.deepEqual(['yes', 'Y', 'TRUE', '1', 'sí', 'no', 'N', 'false', '0', 'maybe', ''].map(parseYesNo), [true, true, true, true, true, false, false, false, false, undefined, undefined]);
    assert.deepEqual(parseRoles('Teacher; CPD leader | administrator / coach, teacher'), { roles: ['teacher', 'cpd-leader', 'admin', 'coach'], unknown: [] });
    assert.deepEqual(parseRoles('head'), { roles: [], unknown: ['head'] });
    const taken = new Set(['p-ann-lee']);
    assert.equal(slugId('p', 'Ann Lee', taken), 'p-ann-lee-2');
    assert.equal(slugId('p', 'Zoë  O’Brien', taken), 'p-zoe-o-brien');
    assert.ok(slugId('p', 'x'.repeat(300), taken).length <= 64);
    assert.match(slugId('p', '王芳', taken), /^p-[a-z0-9]+$/);
  });
});
