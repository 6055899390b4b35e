/**
 * Fired when a step is refused by the cycle's policy; the element shows the reason too.
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcRefusedEvent extends Event {
  static readonly eventName = 'plc-refused';
  readonly enquiryId: string;
  /** Stable reason code, e.g. `too-few-observations`. */
  readonly code: string;
  /** The reason, as shown to the person. */
  readonly reason: string;
  /** The step that was refused, e.g. `evidence.start`. */
  readonly step: string;
  constructor(enquiryId: string, step: string, code: string, reason: string) {
    super(PlcRefusedEvent.eventName, { bubbles: true, composed: true });
    this.enquiryId = enquiryId;
    this.step = step;
    this.code = code;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-refused': PlcRefusedEvent;
  }
}
