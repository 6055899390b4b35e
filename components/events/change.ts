/**
 * Fired after an element saved something to an enquiry (a draft, an observation, evidence...).
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcChangeEvent extends Event {
  static readonly eventName = 'plc-change';
  readonly enquiryId: string;
  /** What was saved, e.g. `question.draft` or `observation.record`. */
  readonly step: string;
  constructor(enquiryId: string, step: string) {
    super(PlcChangeEvent.eventName, { bubbles: true, composed: true });
    this.enquiryId = enquiryId;
    this.step = step;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-change': PlcChangeEvent;
  }
}
