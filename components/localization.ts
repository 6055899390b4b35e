/**
 * Localisation with @lit/localize in runtime mode. en-GB is the source locale ("enquiry");
 * en-US ("inquiry") and Spanish are complete translations, loaded on demand. Every message has
 * an explicit id so the catalogues in `locales/` are checked for completeness by a test.
 * Dates and numbers go through Intl with the active locale.
 */
import { configureLocalization } from '@lit/localize';

/** The source locale. */
export const SOURCE_LOCALE = 'en-GB';
/** Locales with a complete catalogue. */
export const TARGET_LOCALES = ['en-US', 'es'] as const;
/** Every supported locale. */
export const SUPPORTED_LOCALES = [SOURCE_LOCALE, ...TARGET_LOCALES] as const;
/** A supported locale. */
export type PlcLocale = (typeof SUPPORTED_LOCALES)[number];

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: (locale) => (locale === 'es' ? import('./locales/es.js') : import('./locales/en-US.js')),
});

/** Picks the closest supported locale for a BCP 47 tag: `en`, `en-AU` -> en-GB; `es-MX` -> es. */
export function resolveLocale(tag: string | null | undefined): PlcLocale {
  const lower = (tag ?? '').toLowerCase();
  if (lower === 'en-us') return 'en-US';
  if (lower === 'es' || lower.startsWith('es-')) return 'es';
  return SOURCE_LOCALE;
}

/** Switches every plc-kit element to `tag`'s closest locale; elements re-render when it loads. */
export async function setPlcLocale(tag: string | null | undefined): Promise<PlcLocale> {
  const locale = resolveLocale(tag);
  if (getLocale() !== locale) await setLocale(locale);
  return locale;
}

/** The active locale. */
export const currentLocale = (): string => getLocale();

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** One formatter per locale and options: building Intl formatters is slow, so they are kept. */
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, options: object, make: (locale: string) => T): T {
  const key = `${kind}|${getLocale()}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make(getLocale());
    formatters.set(key, formatter);
  }
  return formatter;
}

const DATE = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** A date such as "4 Sept 2025" in the active locale. */
export function formatDate(value: string | Date | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return cached('date', DATE, (locale) => new Intl.DateTimeFormat(locale, DATE)).format(date);
}

/** Today on this device as a calendar date, `YYYY-MM-DD`: lessons, walks and meetings happen in the school's own day. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date and time such as "4 Sept 2025, 08:30" in the active locale. */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return cached('date', DATE_TIME, (locale) => new Intl.DateTimeFormat(locale, DATE_TIME)).format(date);
}

const TIME = { timeStyle: 'short' } as const;

/**
 * A moment as people say it: the time alone when it is today on this device ("10:42"), else the
 * date and time.
 */
export function formatTimeOrDate(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() !== new Date().toDateString()) return formatDateTime(value);
  return cached('date', TIME, (locale) => new Intl.DateTimeFormat(locale, TIME)).format(date);
}

/** A number in the active locale. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return cached('number', options ?? {}, (locale) => new Intl.NumberFormat(locale, options)).format(value);
}

const PERCENT = { style: 'percent', maximumFractionDigits: 0 } as const;

/** A share such as "73%" in the active locale. */
export function formatPercent(share: number): string {
  return formatNumber(share, PERCENT);
}
