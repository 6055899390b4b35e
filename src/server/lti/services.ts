/**
 * What plc-kit sends a platform, signed with the installation's key: the deep-linking response
 * (Deep Linking 2.0 section 4.2), and, for Names and Role Provisioning Services 2.0, an OAuth 2
 * client-credentials grant with a JWT client assertion (Security Framework 4.1) and the course's
 * membership read page by page (`Link: <…>; rel="next"`).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeyStore } from '../signin/keys.js';
import { CLAIM } from './launch.js';
import type { Platform } from './platforms.js';

/** The NRPS scope plc-kit asks for (read only). */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const MEMBERSHIP_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

/** A content item placed in the course: an LTI resource link that opens one plc-kit view. */
export interface ResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  url: string;
  custom: Record<string, string>;
}

/** A content item placed in the course as HTML the platform shows as it is (Deep Linking 2.0, 3.4.3): a published outcome's snippet. */
export interface HtmlItem {
  type: 'html';
  title: string;
  html: string;
}

/** What a deep-linking response can place. */
export type ContentItem = ResourceLinkItem | HtmlItem;

/** Signs the deep-linking response the browser posts back to the platform (as the form field `JWT`). */
export async function deepLinkingResponse(keys: KeyStore, platform: Platform, deploymentId: string, data: string | undefined, items: readonly ContentItem[], now: Date): Promise<string> {
  const key = await keys.current();
  const claims: Record<string, unknown> = {
    nonce: randomUUID(),
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: deploymentId,
    'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': items,
  };
  if (data !== undefined) claims['https://purl.imsglobal.org/spec/lti-dl/claim/data'] = data;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 300)
    .sign(key.privateKey);
}

/** An error talking to the platform's services, with what the administrator should check. */
export class PlatformServiceError extends Error {
  override readonly name = 'PlatformServiceError';
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

type Fetch = typeof fetch;

/** Gets an access token from the platform's token endpoint with a signed client assertion. */
export async function serviceToken(keys: KeyStore, platform: Platform, scopes: readonly string[], now: Date, fetcher: Fetch = fetch): Promise<string> {
  if (!platform.tokenUrl) throw new PlatformServiceError(`${platform.name} has no token URL: add the platform's OAuth 2 token endpoint to use Names and Roles.`);
  const key = await keys.current();
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenAudience ?? platform.tokenUrl)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 300)
    .sign(key.privateKey);
  const response = await fetcher(platform.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: scopes.join(' '),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new PlatformServiceError(`${platform.name}'s token endpoint refused plc-kit (${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}): check that the tool's Names and Roles service is enabled and its JWKS URL is plc-kit's.`.replace(/\s+/g, ' '), response.status);
  }
  return body.access_token;
}

/** One member of a course as NRPS gives them. */
export interface NrpsMember {
  user_id: string;
  roles: string[];
  status?: 'Active' | 'Inactive' | 'Deleted' | undefined;
  name?: string | undefined;
  given_name?: string | undefined;
  family_name?: string | undefined;
  email?: string | undefined;
}

const nextLink = (header: string | null): string | undefined => {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match) return match[1];
  }
  return undefined;
};

/** Reads a course's whole membership, following `rel="next"` (up to 200 pages). */
export async function readMembership(keys: KeyStore, platform: Platform, membershipsUrl: string, now: Date, fetcher: Fetch = fetch): Promise<{ members: NrpsMember[]; pages: number; contextTitle?: string | undefined }> {
  const token = await serviceToken(keys, platform, [NRPS_SCOPE], now, fetcher);
  const members: NrpsMember[] = [];
  let url: string | undefined = membershipsUrl;
  let pages = 0;
  let contextTitle: string | undefined;
  const seen = new Set<string>();
  while (url) {
    if (seen.has(url) || pages >= 200) throw new PlatformServiceError(`${platform.name}'s membership pages do not end (page ${pages + 1} at ${url}).`);
    seen.add(url);
    const response: Response = await fetcher(url, { headers: { authorization: `Bearer ${token}`, accept: MEMBERSHIP_TYPE }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new PlatformServiceError(`${platform.name} answered ${response.status} for the course's members at ${url}.`, response.status);
    const page = (await response.json()) as { members?: unknown; context?: { title?: unknown } };
    if (!Array.isArray(page.members)) throw new PlatformServiceError(`${platform.name}'s membership page has no members list.`);
    for (const member of page.members as NrpsMember[]) if (member && typeof member.user_id === 'string') members.push({ ...member, roles: Array.isArray(member.roles) ? member.roles : [] });
    if (typeof page.context?.title === 'string') contextTitle = page.context.title;
    pages += 1;
    url = nextLink(response.headers.get('link'));
  }
  return { members, pages, contextTitle };
}
