import * as z from 'zod/mini';

/** Limits on what a person can type, documented for integrators and enforced at every boundary. */
export const LIMITS = {
  /** Identifiers (records, events, people). */
  id: 64,
  /** Names, titles, single-line answers. */
  shortText: 200,
  /** Paragraphs: rationale, notes, strengths, summaries. */
  longText: 10_000,
  /** Items in a list a person builds (criteria, actions, questions, members). */
  listItems: 200,
  /** Links. */
  url: 2_000,
} as const;

/** An identifier: letters, digits, `-`, `_`, `.` and `:`, 1 to 64 characters. */
export const Id = z.string().check(
  z.minLength(1),
  z.maxLength(LIMITS.id),
  z.regex(/^[A-Za-z0-9_.:-]+$/),
);

/** A single line of text a person typed: trimmed length 1 to 200. */
export const ShortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.shortText));

/** A paragraph a person typed, up to 10,000 characters; may be empty. */
export const LongText = z.string().check(z.maxLength(LIMITS.longText));

/** A BCP 47 language tag such as `en-GB`, `en-US` or `es` (the language a survey is answered in). */
export const LanguageTag = z.string().check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/), z.maxLength(35));

/** A list of single-line entries (success criteria, planned actions). */
export const TextList = z.array(ShortText).check(z.maxLength(LIMITS.listItems));

/** A list of ids (owners, members, schools). */
export const IdList = z.array(Id).check(z.maxLength(LIMITS.listItems));

/**
 * zod's pattern for a date (a real one: 2025-02-29 fails). Instant and CalendarDate are zod's
 * `iso.datetime()` and `iso.date()` written as string formats of the same names with zod's own
 * patterns: the same checks, issues (`invalid_format`, format `datetime` or `date`) and JSON
 * Schema, without zod's code that builds those patterns from options (0.4 KB gzip of the first
 * view). tests/unit/schema/common.test.ts checks the patterns against zod's.
 */
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))`;

/** An ISO 8601 instant in UTC, e.g. `2025-09-04T08:30:00.000Z`. */
export const Instant = z.stringFormat('datetime', new RegExp(String.raw`^${DATE}T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$`));

/** A calendar date, e.g. `2025-09-04`. */
export const CalendarDate = z.stringFormat('date', new RegExp(`^${DATE}$`));

/**
 * A link as zod's `url({ protocol: /^https?$/ })` reads it: trimmed, with `://` after http(s), and
 * one the URL parser accepts; undefined when it is not.
 */
function parseLink(value: string): URL | undefined {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * A link that is safe to make clickable: http or https only (intranet hosts too), never `javascript:` or `data:`.
 * It is zod's `url({ protocol: /^https?$/ })` written as a string format of the same name: the
 * same checks, issue (`invalid_format`, format `url`), output (trimmed, without the tabs and line
 * breaks the URL parser ignores) and JSON Schema, without zod's general URL code (0.3 KB gzip of
 * the first view). tests/unit/schema/common.test.ts compares the two.
 */
export const HttpUrl = z
  .stringFormat('url', (value) => /^https?:$/.test(parseLink(value)?.protocol ?? ''))
  .check(
    z.overwrite((value) => (parseLink(value) ? value.trim().replace(/[\t\n\r]/g, '') : value)),
    z.maxLength(LIMITS.url),
  );

/** A schema version: a positive whole number, stored on every record and event. */
export const SchemaVersion = z.int().check(z.minimum(1));
