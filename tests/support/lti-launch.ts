/**
 * Launching plc-kit from the platform simulator as a browser would (login, the platform's answer,
 * the launch POST with or without the state cookie), for the LTI server tests; and the staff
 * those tests put in the directory.
 */
import assert from 'node:assert/strict';
import type { Json } from '../server/helpers.js';
import type { LaunchSpec, TestPlatform } from './lti-platform.js';

export const STAFF = [
  { schemaVersion: 1, id: 'p-ola', name: 'Ola Okafor', email: 'ola@north.example', schoolId: 'sch-north', roles: ['teacher'] },
  { schemaVersion: 1, id: 'p-kim', name: 'Kim Kay', email: 'kim@north.example', schoolId: 'sch-north', roles: ['teacher', 'cpd-leader'] },
  { schemaVersion: 1, id: 'p-twin1', name: 'Twin One', email: 'twin@north.example', schoolId: 'sch-north', roles: ['teacher'] },
  { schemaVersion: 1, id: 'p-twin2', name: 'Twin Two', email: 'twin@north.example', schoolId: 'sch-north', roles: ['teacher'] },
];

/** Reads the JSON data block `id` of a page. */
export const pageData = (html: string, id: string): Json => {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  return match ? JSON.parse(match[1]!) : undefined;
};

/** Drives a whole launch as a browser would, with the simulator as the VLE. */
export function launcher(url: () => string, platform: () => TestPlatform) {
  const login = async (hint: string, extra: Record<string, string> = {}) => {
    const params = { ...platform().loginParams(hint, extra), target_link_uri: `${url()}/lti/launch` };
    const response = await fetch(`${url()}/lti/login`, { method: 'POST', body: new URLSearchParams(params), redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location') ?? undefined, cookie: response.headers.get('set-cookie')?.split(';')[0], html: await response.text() };
  };
  const post = async (fields: Record<string, string>, cookie?: string) => {
    const response = await fetch(`${url()}/lti/launch`, { method: 'POST', body: new URLSearchParams(fields), headers: cookie ? { cookie } : {}, redirect: 'manual' });
    const html = await response.text();
    return { status: response.status, html, headers: response.headers, data: pageData(html, 'plc-launch') };
  };
  /** Login, the platform's answer, and the launch POST; `cookie: false` is a browser that blocks it. */
  const launch = async (spec: LaunchSpec, options: { cookie?: boolean } = {}) => {
    const started = await login(platform().prepare(spec));
    assert.equal(started.status, 302, started.html);
    const fields = await platform().authorize(started.location!);
    const result = await post({ id_token: fields.id_token, state: fields.state }, options.cookie === false ? undefined : started.cookie);
    return { ...result, fields, cookie: started.cookie };
  };
  return { login, post, launch };
}

