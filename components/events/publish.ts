/**
 * Fired when an enquiry's outcome is published to colleagues.
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcPublishEvent extends Event {
  static readonly eventName = 'plc-publish';
  readonly enquiryId: string;
  /** The summary written for colleagues. */
  readonly summary: string;
  /** Where it is shared: `booklet`, `vle`, `sharing-session`. */
  readonly audiences: readonly string[];
  constructor(enquiryId: string, summary: string, audiences: readonly string[]) {
    super(PlcPublishEvent.eventName, { bubbles: true, composed: true });
    this.enquiryId = enquiryId;
    this.summary = summary;
    this.audiences = audiences;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-publish': PlcPublishEvent;
  }
}
