/**
 * Sign-in settings and words, without a database: the environment variables (each error names the
 * variable and field), the server pages' catalogues (every message in en-GB, en-US and Spanish),
 * the language a page picks, and the calendar that decides when a leaver's access ends.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverOptionsFromEnv } from '../../src/server/config.js';
import { PAGE_TEXT, pageLocale } from '../../src/server/signin/pageText.js';
import { hasLeft, todayIn } from '../../src/server/signin/sessions.js';

const PROVIDER = { id: 'google', trustId: 'trust-north', name: 'Google Workspace', issuer: 'https://accounts.google.com', clientId: 'abc', domains: ['north.example'] };

describe('sign-in settings', () => {
  it('reads PLC_PUBLIC_URL, session lifetimes, the time zone and SSO providers', () => {
    const { options, warnings } = serverOptionsFromEnv({ PLC_JWT_SECRET: 'x'.repeat(32), PLC_PUBLIC_URL: 'https://plc.trust.example', PLC_SESSION_MINUTES: '10', PLC_SESSION_HOURS: '8', PLC_TIME_ZONE: 'Europe/London', PLC_SSO_PROVIDERS: JSON.stringify([PROVIDER]) });
    assert.deepEqual(options.signin, { publicUrl: 'https://plc.trust.example', sessions: { accessSeconds: 600, sessionSeconds: 28_800, timeZone: 'Europe/London' }, sso: [{ ...PROVIDER, clientSecret: undefined, tenants: undefined, groups: undefined }] });
    assert.ok(!warnings.some((w) => w.includes('PLC_PUBLIC_URL')));
    assert.equal(serverOptionsFromEnv({}).options.signin, undefined);
  });

  it('names the variable and the field at fault', () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ PLC_PUBLIC_URL: 'plc dot school' }, /PLC_PUBLIC_URL/],
      [{ PLC_SESSION_MINUTES: '90' }, /PLC_SESSION_MINUTES must be a whole number from 1 to 60/],
      [{ PLC_TIME_ZONE: 'Mars/Olympus' }, /PLC_TIME_ZONE/],
      [{ PLC_SSO_PROVIDERS: '[{"id":"g"}]' }, /PLC_SSO_PROVIDERS\[0\]\.issuer/],
      [{ PLC_SSO_PROVIDERS: JSON.stringify([{ ...PROVIDER, domains: [] }]) }, /PLC_SSO_PROVIDERS\[0\] must allow some accounts/],
      [{ PLC_SSO_PROVIDERS: JSON.stringify([{ ...PROVIDER, issuer: 'http://evil.example' }]) }, /PLC_SSO_PROVIDERS\[0\]\.issuer/],
      [{ PLC_SSO_PROVIDERS: JSON.stringify([{ ...PROVIDER, groups: { claim: 'groups', roles: { g: ['wizard'] } } }]) }, /groups\.roles\.g/],
      [{ PLC_SSO_PROVIDERS: '/no/such/file.json' }, /PLC_SSO_PROVIDERS must be a JSON list/],
    ];
    for (const [env, message] of bad) assert.throws(() => serverOptionsFromEnv(env), message, JSON.stringify(env));
  });

  it('has every page message in every language, and picks the closest', () => {
    const ids = Object.keys(PAGE_TEXT['en-GB']).sort();
    for (const locale of ['en-US', 'es'] as const) assert.deepEqual(Object.keys(PAGE_TEXT[locale]).sort(), ids, locale);
    assert.notEqual(PAGE_TEXT.es['title.refused'], PAGE_TEXT['en-GB']['title.refused']);
    assert.deepEqual(['en_US', 'es-MX', 'fr, es;q=0.8', 'en-AU', undefined].map(pageLocale), ['en-US', 'es', 'es', 'en-GB', 'en-GB']);
  });

  it('ends a leaver’s access on the day they leave, in the school’s time zone', () => {
    const lateEvening = new Date('2026-08-31T23:30:00Z');
    assert.equal(todayIn('UTC', lateEvening), '2026-08-31');
    assert.equal(todayIn('Europe/London', lateEvening), '2026-09-01', 'already the 1st in London (BST)');
    assert.equal(hasLeft('2026-09-01', todayIn('Europe/London', lateEvening)), true);
    assert.equal(hasLeft('2026-09-01', todayIn('UTC', lateEvening)), false);
    assert.equal(hasLeft(undefined, '2026-09-01'), false);
  });
});
