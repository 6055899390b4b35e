/**
 * Fired after `<plc-meeting>` saved a meeting record (new or changed).
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcMeetingSaveEvent extends Event {
  static readonly eventName = 'plc-meeting-save';
  readonly meetingId: string;
  readonly communityId: string;
  /** The record's version after the save (1 for a new meeting). */
  readonly version: number;
  constructor(meetingId: string, communityId: string, version: number) {
    super(PlcMeetingSaveEvent.eventName, { bubbles: true, composed: true });
    this.meetingId = meetingId;
    this.communityId = communityId;
    this.version = version;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-meeting-save': PlcMeetingSaveEvent;
  }
}
