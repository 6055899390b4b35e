/**
 * Fired when a person opens an enquiry from a list, or has just started one.
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcEnquiryOpenEvent extends Event {
  static readonly eventName = 'plc-enquiry-open';
  readonly enquiryId: string;
  /** Whether the enquiry was just created. */
  readonly created: boolean;
  constructor(enquiryId: string, created = false) {
    super(PlcEnquiryOpenEvent.eventName, { bubbles: true, composed: true });
    this.enquiryId = enquiryId;
    this.created = created;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-enquiry-open': PlcEnquiryOpenEvent;
  }
}
