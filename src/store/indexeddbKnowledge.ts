/**
 * What an IndexedDB store's connection keeps of the enquiries it wrote (see indexeddbAppend.ts,
 * which uses it). Apart from the append port, so a page that only reads loads none of the append
 * path: the store imports that on its first append.
 * @internal
 * @module
 */
import type { CachedEnquiry } from './summary.js';

/** An enquiry's state after this connection's last append to it. */
export interface Known {
  generation: number;
  cached: CachedEnquiry;
  /** The event count of the snapshot stored for it. */
  persistedCount: number;
}

/** How many enquiries' states a connection keeps in memory. */
const KNOWN_LIMIT = 256;

/**
 * What this connection knows of enquiries it wrote: the state after its last commit, so the
 * next append resumes it instead of reading the snapshot or the log (see `appendPort` in indexeddbAppend.ts),
 * valid while the database stays at `generation`.
 */
export interface Knowledge {
  readonly known: Map<string, Known>;
  generation: number | undefined;
  remember(enquiryId: string, entry: Known): void;
  /** Drops everything (another tab replaced the content, or the connection closed). */
  forget(): void;
}

/** An empty {@link Knowledge}. */
export function createKnowledge(): Knowledge {
  const known = new Map<string, Known>();
  return {
    known,
    generation: undefined,
    remember(enquiryId, entry) {
      known.delete(enquiryId);
      known.set(enquiryId, entry);
      if (known.size > KNOWN_LIMIT) known.delete(known.keys().next().value!);
    },
    forget() {
      known.clear();
      this.generation = undefined;
    },
  };
}

