/**
 * Fired when an element could not load or save: the message is shown in the element too.
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcErrorEvent extends Event {
  static readonly eventName = 'plc-error';
  /** What went wrong, in words a person can act on. */
  readonly message: string;
  /** The underlying error. */
  readonly error: unknown;
  constructor(message: string, error: unknown) {
    super(PlcErrorEvent.eventName, { bubbles: true, composed: true });
    this.message = message;
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-error': PlcErrorEvent;
  }
}
