/**
 * Fired just before an element downloads a file it made (the impact report's CSV, the booklet's
 * Markdown or HTML). Cancel it with `preventDefault()` to handle the file yourself, for example
 * to save it to the school's VLE instead of the reader's downloads.
 * Bubbles and crosses shadow roots (`composed`), so a host page can listen on any ancestor.
 */
export class PlcDownloadEvent extends Event {
  static readonly eventName = 'plc-download';
  /** The suggested file name, e.g. `booklet-2025-26.md`. */
  readonly fileName: string;
  /** The media type, e.g. `text/csv;charset=utf-8`. */
  readonly mediaType: string;
  /** The file's text. */
  readonly content: string;
  constructor(fileName: string, mediaType: string, content: string) {
    super(PlcDownloadEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.content = content;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-download': PlcDownloadEvent;
  }
}
