import type { XapiStatement } from '../../src/export/xapi.js';

/**
 * Fired after a lifecycle step taken on this page was saved, when the step has an xAPI
 * statement (a question submitted or approved, an observation recorded, evidence added, an
 * outcome published...). `statement` is an xAPI 1.0.3 statement, ready for a host to forward to
 * its Learning Record Store; its `id` is derived from the step, so sending it twice is harmless.
 * The actor's account `homePage` is the page's origin. Bubbles and crosses shadow roots
 * (`composed`), so a host page can listen on `document`.
 */
export class PlcXapiEvent extends Event {
  static readonly eventName = 'plc-xapi';
  readonly statement: XapiStatement;
  constructor(statement: XapiStatement) {
    super(PlcXapiEvent.eventName, { bubbles: true, composed: true });
    this.statement = statement;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-xapi': PlcXapiEvent;
  }
}
