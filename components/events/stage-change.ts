/**
 * Fired when an enquiry moves to another stage (approved question, evidence started, published...).
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcStageChangeEvent extends Event {
  static readonly eventName = 'plc-stage-change';
  readonly enquiryId: string;
  /** The stage before, e.g. `question`. */
  readonly from: string;
  /** The stage now, e.g. `observation`. */
  readonly to: string;
  constructor(enquiryId: string, from: string, to: string) {
    super(PlcStageChangeEvent.eventName, { bubbles: true, composed: true });
    this.enquiryId = enquiryId;
    this.from = from;
    this.to = to;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-stage-change': PlcStageChangeEvent;
  }
}
