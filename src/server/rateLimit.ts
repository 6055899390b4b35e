/**
 * Rate limits shared by every server process. One process (PGlite, which only one process may
 * open) counts in memory; several processes on one PostgreSQL count in the database, so a limit
 * holds however a load balancer spreads requests: a fixed window per key, one statement per hit.
 * @module
 */
import type { Db } from './db.js';

/** Counts hits per key; `hit` answers the seconds to wait when over the limit, else 0. */
export interface HitCounter {
  hit(key: string): number | Promise<number>;
}

/** How many hits a key takes per window. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** Expired windows are swept on roughly one hit in this many. */
const SWEEP_EVERY = 200;

/**
 * A fixed-window counter per key in the `rate_limits` table (migration 4), for several server
 * processes on one PostgreSQL. `scope` keeps limits of different kinds apart. Keys are whatever
 * the caller passes (the survey limit passes a link token's hash, never anything about a sender).
 * @example
 * ```ts
 * const limiter = createSharedRateLimiter(() => db, 'survey-link', { max: 120, windowMs: 60_000 });
 * const wait = await limiter.hit(tokenHash); // 0, or seconds to wait
 * ```
 */
export function createSharedRateLimiter(db: () => Db, scope: string, limit: WindowLimit, random: () => number = Math.random): HitCounter {
  return {
    async hit(key) {
      // One statement: a new window starts when the stored one has run its course.
      const { rows } = await db().query<{ hits: number; wait_ms: number }>(
        `INSERT INTO rate_limits AS r (scope, key, window_start, hits) VALUES ($1, $2, clock_timestamp(), 1)
         ON CONFLICT (scope, key) DO UPDATE SET
           window_start = CASE WHEN r.window_start <= clock_timestamp() - $3 * interval '1 millisecond' THEN clock_timestamp() ELSE r.window_start END,
           hits = CASE WHEN r.window_start <= clock_timestamp() - $3 * interval '1 millisecond' THEN 1 ELSE r.hits + 1 END
         RETURNING hits, (extract(epoch FROM r.window_start + $3 * interval '1 millisecond' - clock_timestamp()) * 1000)::integer AS wait_ms`,
        [scope, key, limit.windowMs],
      );
      if (random() * SWEEP_EVERY < 1) {
        await db().query(`DELETE FROM rate_limits WHERE scope = $1 AND window_start < clock_timestamp() - $2 * interval '1 millisecond'`, [scope, limit.windowMs]);
      }
      const row = rows[0]!;
      return Number(row.hits) > limit.max ? Math.max(1, Math.ceil(Number(row.wait_ms) / 1000)) : 0;
    },
  };
}

/**
 * The counter a server uses: in memory while its database is PGlite (one process), in
 * PostgreSQL otherwise. The database is looked at on each hit, since it opens after start-up.
 */
export function rateLimiterFor(db: () => Db, scope: string, limit: WindowLimit, inMemory: HitCounter): HitCounter {
  let shared: HitCounter | undefined;
  return {
    hit(key) {
      if (db().kind === 'pglite') return inMemory.hit(key);
      shared ??= createSharedRateLimiter(db, scope, limit);
      return shared.hit(key);
    },
  };
}
