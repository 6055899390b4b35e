/**
 * Offers a file an element made as a download: fires a cancelable `plc-download` first, so a host
 * can take the file instead, then saves it through a Blob link.
 * @internal shared by the impact report, the booklet and the programme administration
 */
import { PlcDownloadEvent } from '../events/download.js';

/**
 * Downloads `content` as `fileName`, unless a listener cancels the `plc-download` event.
 * @returns whether the browser was asked to download it
 */
export function offerDownload(host: HTMLElement, fileName: string, mediaType: string, content: string): boolean {
  const event = new PlcDownloadEvent(fileName, mediaType, content);
  if (!host.dispatchEvent(event)) return false;
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  (host.shadowRoot ?? host).append(link);
  link.click();
  link.remove();
  // Some browsers start reading the file after click() returns: keep the URL alive a little.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
