/**
 * How roles from a VLE (LTI 1.3 role URIs) and from a student information system (OneRoster
 * 1.2 roles) become plc-kit's roles. plc-kit is for staff: a role that is not a member of staff's
 * (Learner, a Mentor on its own, which is how Canvas sends a parent or observer, a guardian)
 * opens nothing. Roles say who may come in and which roles a joiner starts with; after that the
 * directory record is what counts (an administrator may add `cpd-leader` or `coach`).
 *
 * | LTI role (context, institution or system) | plc-kit |
 * | --- | --- |
 * | Instructor, TeachingAssistant (`Instructor#TeachingAssistant`), ContentDeveloper, Manager, Faculty, Staff, context Administrator | `teacher` |
 * | Mentor with any role above | adds `coach` |
 * | institution or system Administrator, SysAdmin | `admin` (and `teacher`) |
 * | Learner, Student, Mentor alone, Member, Guest, Observer, None, Alumni, Prospective, anything unknown | not staff |
 * @module
 */
import type { StaffRole } from '../schema/directory.js';

/** What a set of roles comes to. */
export interface MappedRoles {
  /** Whether the roles are a member of staff's. */
  staff: boolean;
  /** plc-kit roles for a joiner (empty when not staff). */
  roles: StaffRole[];
  /** Roles that mean nothing to plc-kit (reported, never guessed at). */
  unknown: string[];
}

const CONTEXT = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';

const TEACHING = new Set(['Instructor', 'ContentDeveloper', 'Faculty', 'Staff', 'Administrator', 'TeachingAssistant', 'Manager']);
const NOT_STAFF = new Set(['Learner', 'Student', 'Member', 'Guest', 'Observer', 'None', 'Alumni', 'ProspectiveStudent', 'Other', 'User', 'TestUser']);

/** One LTI role URI (or a short name, which older platforms send) as scope and name. */
function parseLtiRole(role: string): { scope: 'context' | 'institution' | 'system'; name: string; sub?: string } | undefined {
  const split = (rest: string) => {
    const [name, sub] = rest.split('#');
    return sub ? { name: name!, sub } : { name: name! };
  };
  if (role.startsWith(CONTEXT)) return { scope: 'context', ...split(role.slice(CONTEXT.length)) };
  if (role.startsWith(INSTITUTION)) return { scope: 'institution', ...split(role.slice(INSTITUTION.length)) };
  if (role.startsWith(SYSTEM)) return { scope: 'system', ...split(role.slice(SYSTEM.length)) };
  // `membership/Instructor#TeachingAssistant` sub-roles.
  const sub = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/(\w+)#(\w+)$/.exec(role);
  if (sub) return { scope: 'context', name: sub[1]!, sub: sub[2]! };
  if (/^\w+$/.test(role)) return { scope: 'context', name: role };
  return undefined;
}

/**
 * Maps the `https://purl.imsglobal.org/spec/lti/claim/roles` of a launch (or an NRPS member's
 * `roles`) to plc-kit roles. Several roles add up; unknown ones are listed apart.
 * @example
 * ```ts
 * mapLtiRoles(['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor']);
 * // { staff: true, roles: ['teacher'], unknown: [] }
 * ```
 */
export function mapLtiRoles(roles: readonly string[]): MappedRoles {
  const out = new Set<StaffRole>();
  const unknown: string[] = [];
  let teaching = false;
  let mentor = false;
  for (const raw of roles) {
    const role = parseLtiRole(raw);
    if (!role) {
      unknown.push(raw);
      continue;
    }
    const { scope, name, sub } = role;
    if ((scope === 'institution' || scope === 'system') && (name === 'Administrator' || name === 'SysAdmin')) {
      out.add('admin');
      teaching = true;
    } else if (TEACHING.has(name) || (sub && TEACHING.has(sub) && name !== 'Learner')) teaching = true;
    else if (name === 'Mentor') mentor = true;
    else if (!NOT_STAFF.has(name)) unknown.push(raw);
  }
  if (!teaching) return { staff: false, roles: [], unknown };
  out.add('teacher');
  if (mentor) out.add('coach');
  return { staff: true, roles: [...out].sort(), unknown };
}

/** OneRoster 1.2 roles of staff (1.1's `administrator` too), and what they open in plc-kit. */
const ONEROSTER_STAFF: Readonly<Record<string, readonly StaffRole[]>> = {
  teacher: ['teacher'],
  aide: ['teacher'],
  proctor: ['teacher'],
  counselor: ['teacher'],
  principal: ['teacher'],
  siteAdministrator: ['teacher'],
  administrator: ['teacher'],
  districtAdministrator: ['teacher', 'admin'],
  systemAdministrator: ['teacher', 'admin'],
};

/** Maps OneRoster roles (`teacher`, `aide`, `siteAdministrator`, ...) to plc-kit roles; students, parents and guardians are not staff. */
export function mapOneRosterRoles(roles: readonly string[]): MappedRoles {
  const out = new Set<StaffRole>();
  const unknown: string[] = [];
  for (const role of roles) {
    const mapped = ONEROSTER_STAFF[role];
    if (mapped) mapped.forEach((r) => out.add(r));
    else if (!['student', 'parent', 'guardian', 'relative'].includes(role)) unknown.push(role);
  }
  return { staff: out.size > 0, roles: [...out].sort(), unknown };
}
