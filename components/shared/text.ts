/**
 * Words a view description carries in every language it supports: a stage's label, an evidence
 * kind's field names. Built-in descriptions and integrators' ones are written the same way, so
 * a stage or a kind is one file with its own words (no edit to the locale catalogues), and the
 * words follow the language `<plc-provider lang>` sets.
 */
import { currentLocale, SOURCE_LOCALE } from '../localization.js';

/**
 * Text a person reads, in one of three forms:
 * - a map from BCP 47 language tag to text: `{ 'en-GB': 'Attendance', es: 'Asistencia' }`
 *   (the closest entry to the active locale is used: `en-US`, then `en`, then en-GB, then the first);
 * - a function, for integrators with their own translation tool: `() => i18n.t('attendance')`;
 * - a plain string, the same in every language.
 *
 * Text may name values in braces, filled by {@link fill}: `'{showing} of {visited} lessons'`.
 */
export type Text = string | Readonly<Record<string, string>> | (() => string);

/** The text in the active language (see {@link Text} for the fallbacks). */
export function textOf(text: Text | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  if (typeof text === 'function') return text();
  const locale = currentLocale();
  const language = locale.split('-')[0]!;
  return text[locale] ?? text[language] ?? text[SOURCE_LOCALE] ?? Object.values(text)[0] ?? '';
}

/** The text in the active language with `{name}` replaced by `values[name]`. */
export function fill(text: Text, values: Readonly<Record<string, string | number>>): string {
  return textOf(text).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Turns an id such as `reading-log` or `booksRead` into words: "Reading log", "Books read". */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}
