import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { CalendarDate, HttpUrl, Id, IdList, Instant, LIMITS, LongText, SchemaVersion, ShortText, TextList } from '../../../src/index.js';
import { accepts, parsesAsZod, problemsOf, refuses } from './helpers.js';

describe('Id', () => {
  it('accepts letters, digits and - _ . : up to 64 characters', () => {
    for (const id of ['p-ana', 'enq_1', 'cycle.2025', 'urn:x:1', 'A'.repeat(LIMITS.id)]) assert.equal(accepts(Id, id), id);
  });
  it('refuses empty, too long, spaces, slashes and non-strings', () => {
    assert.match(problemsOf(Id, '')[0]!.message, /must not be empty/);
    assert.match(problemsOf(Id, 'x'.repeat(LIMITS.id + 1))[0]!.message, /at most 64 characters/);
    for (const bad of ['p ana', 'a/b', 'é', '<script>']) assert.match(problemsOf(Id, bad)[0]!.message, /not allowed/);
    assert.match(problemsOf(Id, 42)[0]!.message, /must be a string/);
    assert.match(problemsOf(Id, undefined)[0]!.message, /is required/);
  });
});

describe('ShortText and LongText', () => {
  it('trims short text and refuses what is blank once trimmed', () => {
    assert.equal(accepts(ShortText, '  Literacy  '), 'Literacy');
    assert.match(problemsOf(ShortText, '   ')[0]!.message, /must not be empty/);
    assert.match(problemsOf(ShortText, 'x'.repeat(LIMITS.shortText + 1))[0]!.message, /at most 200 characters/);
  });
  it('lets long text be empty and caps it at 10,000 characters', () => {
    assert.equal(accepts(LongText, ''), '');
    assert.equal(accepts<string>(LongText, 'x'.repeat(LIMITS.longText)).length, LIMITS.longText);
    assert.match(problemsOf(LongText, 'x'.repeat(LIMITS.longText + 1))[0]!.message, /at most 10000 characters/);
  });
  it('caps lists at 200 items and names the item at fault', () => {
    assert.deepEqual(accepts(TextList, ['a', 'b']), ['a', 'b']);
    refuses(TextList, ['ok', ''], '1', /must not be empty/);
    refuses(IdList, ['ok', 'not ok'], '1', /not allowed/);
    assert.match(problemsOf(TextList, Array.from({ length: LIMITS.listItems + 1 }, () => 'x'))[0]!.message, /at most 200 items/);
  });
});

describe('Instant, CalendarDate, SchemaVersion', () => {
  it('accepts UTC instants and calendar dates', () => {
    accepts(Instant, '2025-09-04T08:30:00.000Z');
    accepts(Instant, '2025-09-04T08:30:00Z');
    accepts(CalendarDate, '2025-09-04');
  });
  it('refuses offsets, bare dates as instants and impossible dates, with an example in the message', () => {
    assert.match(problemsOf(Instant, '2025-09-04T08:30:00+01:00')[0]!.message, /ISO 8601 .* such as 2025-09-04T08:30:00.000Z/);
    assert.match(problemsOf(Instant, '2025-09-04')[0]!.message, /ISO 8601/);
    assert.match(problemsOf(CalendarDate, '2025-13-01')[0]!.message, /a date such as 2025-09-04/);
    assert.match(problemsOf(CalendarDate, '04/09/2025')[0]!.message, /a date such as/);
  });
  it("checks what zod's iso.datetime() and iso.date() check, with the same issues and JSON Schema", () => {
    assert.equal(Instant._zod.def.pattern?.source, z.iso.datetime()._zod.def.pattern?.source);
    assert.equal(CalendarDate._zod.def.pattern?.source, z.iso.date()._zod.def.pattern?.source);
    const values = ['2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2025-09-04', '2025-09-31', '2025-09-04T24:00:00Z', ' 2025-09-04', 7];
    parsesAsZod(Instant, z.iso.datetime(), values);
    parsesAsZod(CalendarDate, z.iso.date(), values);
  });
  it('takes whole schema versions from 1', () => {
    assert.equal(accepts(SchemaVersion, 1), 1);
    assert.match(problemsOf(SchemaVersion, 0)[0]!.message, /at least 1/);
    assert.ok(problemsOf(SchemaVersion, 1.5).length > 0);
    assert.match(problemsOf(SchemaVersion, '2')[0]!.message, /must be a number/);
  });
});

describe('HttpUrl: links are http(s) only', () => {
  it('accepts http and https links', () => {
    for (const url of [
      'https://example.org',
      'http://example.org/path?q=1#top',
      'https://vle.school.example.co.uk/course/view.php?id=12',
      'HTTPS://EXAMPLE.ORG/Upper',
      'https://example.org:8443/x',
    ]) {
      accepts(HttpUrl, url);
    }
  });
  it('refuses javascript:, data:, ftp:, file:, mailto: and relative links, saying what is expected', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'ftp://files.example.org/plan.docx',
      'file:///etc/passwd',
      'mailto:head@example.org',
      '//example.org/x',
      '/relative/path',
      'example.org',
      'https://',
    ]) {
      const [problem] = problemsOf(HttpUrl, url);
      assert.equal(problem!.message, 'must be an http or https link', url);
    }
  });
  it("checks, outputs and describes what zod's url({ protocol: /^https?$/ }) does", () => {
    const long = `https://example.org/${'a'.repeat(LIMITS.url - 19)}`;
    parsesAsZod(HttpUrl, z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.url)), [
      'https://example.org',
      '  https://example.org/a b  ',
      'https://exa\nmple.org/\tx',
      'HTTP://EXAMPLE.ORG',
      'http:example.org',
      'https:/example.org',
      'https://',
      'https://a b.org',
      'http://[::1]:8080/',
      'ftp://example.org',
      'javascript://example.org/%0aalert(1)',
      '',
      long,
      ` ${long} `,
      `${long}a`,
      `x${long}`,
      42,
      undefined,
    ]);
  });
  it('caps links at 2,000 characters', () => {
    const long = `https://example.org/${'a'.repeat(LIMITS.url)}`;
    assert.ok(problemsOf(HttpUrl, long).some((p) => /at most 2000 characters/.test(p.message)));
  });
});
