import type { Community } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';

/**
 * PLCs of `cycleId` the signed-in person leads or belongs to (a group on a track, such as new
 * staff's, holds no enquiries): whose group enquiries the list shows, and where the form offers
 * to start one.
 * @internal
 */
export function communitiesOf(session: PlcSession, cycleId: string | undefined): Community[] {
  const personId = session.person?.id;
  if (!personId || !cycleId) return [];
  return [...session.directory.communities.values()]
    .filter((c) => c.cycleId === cycleId && c.trackId === undefined && (c.leadId === personId || c.memberIds.includes(personId)))
    .sort((a, b) => a.name.localeCompare(b.name));
}
