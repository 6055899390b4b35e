import type { ApplyResult } from '../../src/roster/client.js';

/**
 * Fired by `<plc-roster-review>` after the ticked roster changes were applied. Bubbles and
 * crosses shadow roots (`composed`), so a host page can listen on any ancestor (to reload its
 * staff list, say).
 */
export class PlcRosterAppliedEvent extends Event {
  static readonly eventName = 'plc-roster-applied';
  /** What happened to each change: applied, skipped (unticked), stale or refused. */
  readonly results: readonly ApplyResult[];
  constructor(results: readonly ApplyResult[]) {
    super(PlcRosterAppliedEvent.eventName, { bubbles: true, composed: true });
    this.results = results;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-roster-applied': PlcRosterAppliedEvent;
  }
}
