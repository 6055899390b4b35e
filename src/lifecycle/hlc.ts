/**
 * A hybrid logical clock: each device stamps its events with wall time plus a counter and its
 * node id, and moves its clock past every stamp it receives. Sorting by stamp, then event id,
 * gives every device the same order for the same set of events, whatever order they arrived in.
 *
 * Stamps are fixed-width strings, `<ms:15 digits>-<counter:5 digits>-<node>`, so they compare
 * correctly as plain strings (and in IndexedDB or SQL indexes).
 */

const MAX_COUNTER = 99_999;

/** A parsed clock stamp. */
export interface HlcStamp {
  ms: number;
  counter: number;
  node: string;
}

/** Formats a stamp as a sortable string. */
export function formatHlc({ ms, counter, node }: HlcStamp): string {
  return `${String(ms).padStart(15, '0')}-${String(counter).padStart(5, '0')}-${node}`;
}

const HLC_PATTERN = /^(\d{15})-(\d{5})-([A-Za-z0-9_.:-]{1,40})$/;

/** The regular expression every stamp matches. */
export const HLC_REGEX = HLC_PATTERN;

/** Parses a stamp, or returns undefined when it is not one. */
export function parseHlc(stamp: string): HlcStamp | undefined {
  const match = HLC_PATTERN.exec(stamp);
  if (!match) return undefined;
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

/** A clock for one device. Time is injected so tests control it. */
export interface HybridClock {
  /** A new stamp for a local event, later than every stamp seen so far. */
  now(): string;
  /** Moves the clock past a stamp received from another device. */
  receive(stamp: string): void;
}

/**
 * Creates a hybrid logical clock for one device.
 * @param node a short id for this device (letters, digits, `_.:-`).
 * @param wallClock milliseconds since the epoch; defaults to `Date.now`.
 */
export function createHybridClock(node: string, wallClock: () => number = Date.now): HybridClock {
  if (!/^[A-Za-z0-9_.:-]{1,40}$/.test(node)) throw new Error(`clock node "${node}" must be 1 to 40 letters, digits or _.:-`);
  let last: HlcStamp = { ms: 0, counter: 0, node };
  const advance = (ms: number) => {
    if (ms > last.ms) last = { ms, counter: 0, node };
    else if (last.counter < MAX_COUNTER) last = { ms: last.ms, counter: last.counter + 1, node };
    else last = { ms: last.ms + 1, counter: 0, node };
  };
  return {
    now() {
      advance(wallClock());
      return formatHlc(last);
    },
    receive(stamp) {
      const remote = parseHlc(stamp);
      if (!remote) return;
      const wall = wallClock();
      if (remote.ms > last.ms || (remote.ms === last.ms && remote.counter >= last.counter)) {
        last = { ms: remote.ms, counter: remote.counter, node };
      }
      advance(wall);
    },
  };
}
