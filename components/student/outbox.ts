/**
 * What the student page keeps on the device, and nothing else:
 * - the **outbox**: answer sheets not yet acknowledged by the server, each with a random receipt
 *   (so a sheet sent twice, after a dropped connection, counts once). A sheet leaves the outbox
 *   as soon as the server has it, or refuses it for good.
 * - the **answered flag**: a random value stored under the survey's code once this browser's
 *   answers were taken, so the page can say "this device has already answered". It discourages
 *   a second answer; it never identifies anyone, and it is never sent (docs/privacy.md).
 * Both live in `localStorage` (in memory when the browser refuses storage, as in some private
 * windows: then a reload forgets them).
 * @internal
 */

/** One answer sheet waiting to be sent. */
export interface QueuedSheet {
  code: string;
  receipt: string;
  answers: Record<string, number | string>;
}

const OUTBOX_KEY = 'plc-kit-student-outbox';
const FLAG_PREFIX = 'plc-kit-answered:';

/** The storage of the page: `localStorage`, or a map when it is unavailable. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** `localStorage` when it works here, else memory. */
export function pageStorage(): KeyValue {
  try {
    const probe = '__plc-kit-probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

/** A random value for receipts and the answered flag: 128 bits, base64url. */
export function randomValue(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The answer sheets waiting on this device. */
export function readOutbox(storage: KeyValue): QueuedSheet[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(OUTBOX_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is QueuedSheet => typeof s?.code === 'string' && typeof s?.receipt === 'string' && typeof s?.answers === 'object') : [];
  } catch {
    return [];
  }
}

function writeOutbox(storage: KeyValue, sheets: readonly QueuedSheet[]): void {
  if (sheets.length) storage.setItem(OUTBOX_KEY, JSON.stringify(sheets));
  else storage.removeItem(OUTBOX_KEY);
}

/** Adds a sheet to the outbox (before the first attempt, so a tab closed mid-send loses nothing). */
export function enqueue(storage: KeyValue, sheet: QueuedSheet): void {
  writeOutbox(storage, [...readOutbox(storage).filter((s) => s.receipt !== sheet.receipt), sheet]);
}

/** Removes a sheet the server took, or refused for good. */
export function dequeue(storage: KeyValue, receipt: string): void {
  writeOutbox(storage, readOutbox(storage).filter((s) => s.receipt !== receipt));
}

/** Whether this browser's answers to the survey with this code were taken. */
export const hasAnswered = (storage: KeyValue, code: string): boolean => storage.getItem(FLAG_PREFIX + code) !== null;

/** Marks the survey as answered on this browser, with a random value (nothing about the student). */
export const markAnswered = (storage: KeyValue, code: string): void => storage.setItem(FLAG_PREFIX + code, randomValue());

/** How a sheet's sending ended. */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'offline' }
  | { kind: 'busy'; retryAfter: number }
  | { kind: 'refused'; status: number; reason: string | undefined; field: string | undefined; message: string };

/**
 * Sends one sheet to `POST <server>v1/s/<code>/responses` and says how it went. A sheet already
 * received (200) counts as sent. Network failures and 5xx leave it for later.
 */
export async function sendSheet(server: string, sheet: QueuedSheet, fetchImpl: typeof fetch = fetch): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(`${server}v1/s/${encodeURIComponent(sheet.code)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: sheet.answers, receipt: sheet.receipt }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { kind: 'offline' };
  }
  if (response.status === 201 || response.status === 200) return { kind: 'sent' };
  if (response.status === 429) return { kind: 'busy', retryAfter: Math.max(1, Number(response.headers.get('retry-after')) || 10) };
  if (response.status >= 500 || response.status === 408) return { kind: 'offline' };
  const body = (await response.json().catch(() => ({}))) as { reason?: string; field?: string; message?: string };
  return { kind: 'refused', status: response.status, reason: body.reason, field: body.field, message: body.message ?? '' };
}

/**
 * Sends every waiting sheet once, oldest first, and removes the ones that are done. Returns
 * what happened to each, by receipt. Stops at the first that cannot be sent now (offline, busy).
 */
export async function flushOutbox(storage: KeyValue, server: string, fetchImpl: typeof fetch = fetch): Promise<Map<string, SendOutcome>> {
  const outcomes = new Map<string, SendOutcome>();
  for (const sheet of readOutbox(storage)) {
    const outcome = await sendSheet(server, sheet, fetchImpl);
    outcomes.set(sheet.receipt, outcome);
    if (outcome.kind === 'offline' || outcome.kind === 'busy') break;
    dequeue(storage, sheet.receipt);
    if (outcome.kind === 'sent') markAnswered(storage, sheet.code);
  }
  return outcomes;
}
