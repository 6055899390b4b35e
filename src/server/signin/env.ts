/**
 * Sign-in settings from the environment: `PLC_PUBLIC_URL`, `PLC_SESSION_MINUTES`,
 * `PLC_SESSION_HOURS`, `PLC_TIME_ZONE` and `PLC_SSO_PROVIDERS` (a JSON file of single sign-on
 * providers, or the JSON itself). Every setting is checked at start; an error names the variable
 * and, for a provider, the field.
 * @module
 */
import { readFileSync } from 'node:fs';
import { StaffRole } from '../../schema/directory.js';
import type { SigninOptions } from './register.js';
import type { SsoProvider } from './sso.js';
import { isId } from '../auth.js';


function whole(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

/** Checks one provider of `PLC_SSO_PROVIDERS`, naming the field at fault. */
export function checkSsoProvider(raw: unknown, index: number): SsoProvider {
  const at = `PLC_SSO_PROVIDERS[${index}]`;
  if (typeof raw !== 'object' || raw === null) throw new Error(`${at} must be an object.`);
  const p = raw as Record<string, unknown>;
  const text = (field: string, id = false) => {
    const value = p[field];
    if (typeof value !== 'string' || value === '' || (id && !isId(value))) throw new Error(`${at}.${field} is required${id ? ' (an id: letters, digits, -, _, ., :)' : ''}.`);
    return value;
  };
  const list = (field: string) => {
    const value = p[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) throw new Error(`${at}.${field} must be a list of strings.`);
    return value as string[];
  };
  const issuer = text('issuer');
  try {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) throw new Error();
  } catch {
    throw new Error(`${at}.issuer must be the provider's https:// issuer (https://accounts.google.com, https://login.microsoftonline.com/<tenant>/v2.0).`);
  }
  const domains = list('domains');
  const tenants = list('tenants');
  if (!domains?.length && !tenants?.length) throw new Error(`${at} must allow some accounts: set domains (["school.example"]) or tenants (Entra tenant ids).`);
  let groups: SsoProvider['groups'];
  if (p['groups'] !== undefined) {
    const g = p['groups'] as { claim?: unknown; roles?: unknown };
    if (typeof g.claim !== 'string' || typeof g.roles !== 'object' || g.roles === null) throw new Error(`${at}.groups must be { "claim": "groups", "roles": { "<group>": ["cpd-leader"] } }.`);
    for (const [group, roles] of Object.entries(g.roles)) {
      if (!Array.isArray(roles) || !roles.every((r) => StaffRole.safeParse(r).success)) throw new Error(`${at}.groups.roles.${group} must list plc-kit roles (teacher, cpd-leader, coach, admin).`);
    }
    groups = { claim: g.claim, roles: g.roles as Record<string, StaffRole[]> };
  }
  return {
    id: text('id', true),
    trustId: text('trustId', true),
    name: text('name'),
    issuer,
    clientId: text('clientId'),
    clientSecret: typeof p['clientSecret'] === 'string' ? p['clientSecret'] : undefined,
    domains,
    tenants,
    groups,
  };
}

/** Reads the sign-in settings; `undefined` when none is set. */
export function signinOptionsFromEnv(env: Record<string, string | undefined>, warnings: string[]): SigninOptions | undefined {
  const publicUrl = env['PLC_PUBLIC_URL']?.trim() || undefined;
  if (publicUrl) {
    let url: URL;
    try {
      url = new URL(publicUrl);
    } catch {
      throw new Error(`PLC_PUBLIC_URL must be this server's address as VLEs and browsers reach it, such as https://plc.trust.example (got "${publicUrl}").`);
    }
    if (url.protocol !== 'https:') warnings.push('PLC_PUBLIC_URL is not https: VLEs refuse tools on http, and the launch cookie needs https.');
  }
  const minutes = whole(env['PLC_SESSION_MINUTES'], 'PLC_SESSION_MINUTES', 1, 60);
  const hours = whole(env['PLC_SESSION_HOURS'], 'PLC_SESSION_HOURS', 1, 24 * 14);
  const timeZone = env['PLC_TIME_ZONE']?.trim() || undefined;
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone });
    } catch {
      throw new Error(`PLC_TIME_ZONE must be an IANA time zone such as Europe/London (got "${timeZone}").`);
    }
  }
  let sso: SsoProvider[] | undefined;
  const providers = env['PLC_SSO_PROVIDERS']?.trim();
  if (providers) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(providers.startsWith('[') ? providers : readFileSync(providers, 'utf8'));
    } catch (error) {
      throw new Error(`PLC_SSO_PROVIDERS must be a JSON list of providers, or the path of a file holding one: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new Error('PLC_SSO_PROVIDERS must be a JSON list of providers.');
    sso = parsed.map(checkSsoProvider);
    if (!publicUrl) warnings.push('PLC_SSO_PROVIDERS is set without PLC_PUBLIC_URL: the providers must know the callback address <PLC_PUBLIC_URL>/signin/callback.');
  }
  if (!publicUrl && !minutes && !hours && !timeZone && !sso) return undefined;
  return {
    ...(publicUrl ? { publicUrl } : {}),
    sessions: { ...(minutes ? { accessSeconds: minutes * 60 } : {}), ...(hours ? { sessionSeconds: hours * 3600 } : {}), ...(timeZone ? { timeZone } : {}) },
    ...(sso ? { sso } : {}),
  };
}
