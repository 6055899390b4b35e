/**
 * Which copy of the database answers a read. Writes, and every read that must see the caller's
 * own writes (an enquiry, its log, records, a push's answer), use the primary. The change feed
 * may lag a moment behind, since a client asks again from its checkpoint: it goes to the
 * streaming replica when there is one, it answers, and it has caught up with the caller's
 * checkpoint, so a checkpoint never moves back and a replica behind a backup import never
 * answers a spurious reset. A replica that fails mid-read costs nothing: the read runs again
 * on the primary.
 * @module
 */
import { DatabaseUnavailableError, type Db, type Queryable } from './db.js';

/**
 * The database the change feed of `trustId` reads from, after `since` (a checkpoint
 * `<epoch>.<seq>`, or none).
 * @example
 * ```ts
 * const page = await readChanges(await feedReader(db, principal.trustId, since), principal, since, limit);
 * ```
 */
export async function feedReader(db: Db, trustId: string, since: string | undefined): Promise<Queryable> {
  const replica = db.replica;
  if (!replica?.available()) return db;
  try {
    const { rows } = await replica.query<{ seq: number; epoch: number }>('SELECT seq, epoch FROM trusts WHERE id = $1', [trustId]);
    const [epoch, seq] = (since ?? '').split('.').map(Number);
    const at = rows[0];
    const caughtUp = since === undefined || since === '' || since === '0' || (at !== undefined && Number(at.epoch) === epoch && Number(at.seq) >= (seq ?? 0));
    if (!caughtUp) return db;
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return db;
    throw error;
  }
  return {
    async query(sql, params) {
      try {
        return await replica.query(sql, params);
      } catch (error) {
        if (error instanceof DatabaseUnavailableError) return db.query(sql, params);
        throw error;
      }
    },
  };
}
