/**
 * OneRoster 1.2 CSV into roster entries (staff only, schools matched, leavers by status, enabledUser
 * and end dates; 1.1's role column too), and LTI / OneRoster roles into plc-kit roles, including
 * the certification suite's awkward sets: none, unknown, several, short names, a Mentor alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLtiRoles, mapOneRosterRoles, readOneRoster } from '../../../src/roster/index.js';

const schools = [
  { schemaVersion: 1, id: 'sch-north', name: 'North Academy' },
  { schemaVersion: 1, id: 'sch-south', name: 'South School' },
];
const ORGS = `sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
org-1,active,2026-08-01,North Academy,school,,
org-2,active,2026-08-01,Other Place,school,sch-south,
org-3,active,2026-08-01,Nowhere,school,,`;
const USERS = `\uFEFFsourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,preferredGivenName
t-1,active,2026-08-01,true,ana,,Ana,Adeyemi,,,ana@north.example,
t-2,active,2026-08-01,true,ben,,Benjamin,Brook,,,ben@south.example,Ben
t-3,tobedeleted,2026-08-01,true,cara,,Cara,Cole,,,cara@north.example,
t-4,active,2026-08-01,false,dan,,Dan,Dale,,,dan@north.example,
t-5,active,2026-08-01,true,eve,,Eve,End,,,eve@north.example,
t-6,active,2026-08-01,true,fay,,Fay,Far,,,fay@nowhere.example,
s-1,active,2026-08-01,true,stu,,Student,One,,,stu@north.example,`;
const ROLES = `sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId,userProfileSourcedId,beginDate,endDate
r-1,active,2026-08-01,t-1,primary,teacher,org-1,,2024-09-01,
r-2,active,2026-08-01,t-2,primary,districtAdministrator,org-2,,,
r-3,active,2026-08-01,t-3,primary,teacher,org-1,,,
r-4,active,2026-08-01,t-4,primary,aide,org-1,,,
r-5,active,2026-08-01,t-5,primary,teacher,org-1,,2020-09-01,2026-07-31
r-6,active,2026-08-01,t-6,primary,teacher,org-3,,,
r-7,active,2026-08-01,s-1,primary,student,org-1,,,`;

describe('readOneRoster', () => {
  it('reads staff with names, schools, roles and whether they are still there; students are only counted', () => {
    const read = readOneRoster({ users: USERS, orgs: ORGS, roles: ROLES }, schools, '2026-09-01');
    assert.deepEqual(read.entries.map((e) => [e.externalId, e.name, e.schoolId, e.roles, e.active, e.endedOn]), [
      ['t-1', 'Ana Adeyemi', 'sch-north', ['teacher'], true, undefined],
      ['t-2', 'Ben Brook', 'sch-south', ['admin', 'teacher'], true, undefined],
      ['t-3', 'Cara Cole', 'sch-north', ['teacher'], false, undefined],
      ['t-4', 'Dan Dale', 'sch-north', ['teacher'], false, undefined],
      ['t-5', 'Eve End', 'sch-north', ['teacher'], false, '2026-07-31'],
      ['t-6', 'Fay Far', undefined, ['teacher'], true, undefined],
    ]);
    assert.equal(read.skipped, 1);
    assert.deepEqual(read.problems.map((p) => [p.file, p.line, p.field]), [['users.csv', 7, 'orgSourcedId']], 'an org that matches no school is named');
  });

  it('reads 1.1 exports (role and orgSourcedIds in users.csv) and enrollments', () => {
    const users = `sourcedId,status,enabledUser,orgSourcedIds,role,givenName,familyName,email
t-1,active,true,org-1,teacher,Ana,Adeyemi,ana@north.example
t-2,active,true,org-1,student,Stu,Dent,`;
    const enrollments = `sourcedId,status,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
e-1,active,c-1,org-2,t-3,teacher,true,,`;
    const withThree = `${users}\nt-3,active,true,,,Gus,Guest,gus@south.example`;
    const read = readOneRoster({ users: withThree, orgs: ORGS, enrollments }, schools, '2026-09-01');
    assert.deepEqual(read.entries.map((e) => [e.externalId, e.schoolId, e.active]), [['t-1', 'sch-north', true], ['t-3', 'sch-south', true]]);
    assert.equal(read.skipped, 1);
  });

  it('names a file that is not a OneRoster export, and an empty users file', () => {
    assert.deepEqual(readOneRoster({ users: 'name,mail\nAna,a@b.c' }, schools, '2026-09-01').problems.map((p) => [p.file, p.field]), [['users.csv', 'sourcedId']]);
    assert.deepEqual(readOneRoster({ users: '' }, schools, '2026-09-01').problems.map((p) => [p.file, p.field]), [['users.csv', '(file)']]);
  });
});

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
describe('role mapping', () => {
  it('maps LTI roles, adding several up and listing unknown ones', () => {
    assert.deepEqual(mapLtiRoles([`${LIS}membership#Instructor`]), { staff: true, roles: ['teacher'], unknown: [] });
    assert.deepEqual(mapLtiRoles([`${LIS}membership/Instructor#TeachingAssistant`]), { staff: true, roles: ['teacher'], unknown: [] });
    assert.deepEqual(mapLtiRoles([`${LIS}institution/person#Administrator`, `${LIS}membership#Mentor`, `${LIS}membership#ContentDeveloper`]), { staff: true, roles: ['admin', 'coach', 'teacher'], unknown: [] });
    assert.deepEqual(mapLtiRoles(['Instructor']), { staff: true, roles: ['teacher'], unknown: [] }, 'short names from older platforms');
    assert.deepEqual(mapLtiRoles([`${LIS}membership#Learner`]), { staff: false, roles: [], unknown: [] });
    assert.deepEqual(mapLtiRoles([`${LIS}membership#Mentor`]), { staff: false, roles: [], unknown: [] }, 'a Mentor alone (a parent, an observer) is not staff');
    assert.deepEqual(mapLtiRoles([]), { staff: false, roles: [], unknown: [] });
    assert.deepEqual(mapLtiRoles(['http://example.com/roles#Wizard', `${LIS}membership#Instructor`]), { staff: true, roles: ['teacher'], unknown: ['http://example.com/roles#Wizard'] });
  });

  it('maps OneRoster roles', () => {
    assert.deepEqual(mapOneRosterRoles(['teacher', 'aide']), { staff: true, roles: ['teacher'], unknown: [] });
    assert.deepEqual(mapOneRosterRoles(['systemAdministrator']), { staff: true, roles: ['admin', 'teacher'], unknown: [] });
    assert.deepEqual(mapOneRosterRoles(['student', 'guardian']), { staff: false, roles: [], unknown: [] });
    assert.deepEqual(mapOneRosterRoles(['wizard']), { staff: false, roles: [], unknown: ['wizard'] });
  });
});
