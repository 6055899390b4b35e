/**
 * What plc-app shows before there is anything to show (issue 20): a page with nothing configured
 * says what to configure (who is signed in, where the data lives, or the demo) and lets an
 * administrator start the programme; an id the directory does not know gets a placeholder rather
 * than someone else's place. Pure rendering plus one setup step, so plc-app stays the router.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { PlcSession } from '../context/session.js';
import type { FirstRun } from './routes.js';
import { Person, School } from '../../src/schema/directory.js';
import { describeIssues } from '../../src/schema/errors.js';
import { CURRENT_VERSIONS } from '../../src/schema/migrate.js';
import { parseSafely } from '../../src/schema/zod.js';

/** An id from a name: `Lea Martin` -> `p-lea-martin` (letters, digits and dashes, at most 64). */
export function idFrom(prefix: string, name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${prefix}-${slug || 'admin'}`;
}

/** What the administrator typed, and the problems found with it, by field. */
export interface SetupDraft {
  school: string;
  name: string;
  errors: Partial<Record<'school' | 'name' | 'form', string>>;
  busy: boolean;
}

export const EMPTY_SETUP: SetupDraft = { school: '', name: '', errors: {}, busy: false };

/**
 * The first administrator's step: the school and their own record (administrator and CPD leader),
 * written only while the directory is empty, so it can never take over a school that has people.
 * @returns the new person's id, or the problems by field (nothing written).
 */
export async function createFirstAdministrator(session: PlcSession, draft: SetupDraft, personId: string | undefined): Promise<{ personId?: string; errors: SetupDraft['errors'] }> {
  const errors: SetupDraft['errors'] = {};
  if (!draft.school.trim()) errors.school = msg('Enter the school’s name.', { id: 'app.setup.school-missing' });
  if (!draft.name.trim()) errors.name = msg('Enter your name.', { id: 'app.setup.name-missing' });
  if (Object.keys(errors).length) return { errors };
  const school = { schemaVersion: CURRENT_VERSIONS.schools, id: idFrom('school', draft.school), name: draft.school.trim() };
  const person = { schemaVersion: CURRENT_VERSIONS.people, id: personId ?? idFrom('p', draft.name), name: draft.name.trim(), schoolId: school.id, roles: ['admin', 'cpd-leader'] };
  const checks = [parseSafely(School, school), parseSafely(Person, person)];
  for (const [index, check] of checks.entries()) {
    if (!check.success) return { errors: { [index === 0 ? 'school' : 'name']: describeIssues(check.error.issues).map((p) => `${p.path} ${p.message}`).join('; ') } };
  }
  const store = session.store;
  if ((await store.list('people')).length > 0) return { errors: { form: msg('Someone has set up this school meanwhile: reload the page.', { id: 'app.setup.taken' }) } };
  try {
    await store.put('schools', checks[0]!.data as School, 0);
    await store.put('people', checks[1]!.data as Person, 0);
  } catch (error) {
    return { errors: { form: msg(str`The school could not be saved: ${error instanceof Error ? error.message : String(error)}`, { id: 'app.setup.failed' }) } };
  }
  return { personId: person.id, errors: {} };
}

/** The first-run view: what to configure, and the administrator's way on. */
export function renderSetup(draft: SetupDraft, on: { input: (field: 'school' | 'name', value: string) => void; submit: () => void }): TemplateResult {
  const field = (name: 'school' | 'name', label: string, value: string, autocomplete: string) => html`<div class="field">
    <label for="setup-${name}">${label}</label>
    <input
      id="setup-${name}"
      autocomplete=${autocomplete}
      .value=${value}
      aria-invalid=${draft.errors[name] ? 'true' : 'false'}
      aria-describedby=${draft.errors[name] ? `setup-${name}-error` : nothing}
      @input=${(e: Event) => on.input(name, (e.target as HTMLInputElement).value)}
    />
    ${draft.errors[name] ? html`<p class="field-error" id="setup-${name}-error">${draft.errors[name]}</p>` : nothing}
  </div>`;
  return html`<section class="first-run" part="first-run" aria-labelledby="first-run-heading">
    <h2 id="first-run-heading" data-view tabindex="-1">${msg('Set up plc-kit', { id: 'app.setup.heading' })}</h2>
    <p>${msg('plc-kit is on this page, but there is nothing to show yet: no school and no people.', { id: 'app.setup.intro' })}</p>
    <div class="first-run-parts">
      <div class="card">
        <h3>${msg('For the site: configure', { id: 'app.setup.configure' })}</h3>
        <dl class="settings-list">
          <dt><code>person-id</code></dt>
          <dd>${msg('Who is signed in: the id your site’s sign-in gives, e.g. person-id="p-ana".', { id: 'app.setup.person' })}</dd>
          <dt><code>server</code></dt>
          <dd>${msg('Where the work is kept: a plc-kit server your colleagues share. Without it, work stays in this browser.', { id: 'app.setup.server' })}</dd>
          <dt><code>demo</code></dt>
          <dd>${msg('To try plc-kit first: a demo school, in this browser only.', { id: 'app.setup.demo' })}</dd>
        </dl>
      </div>
      <form
        class="card"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          on.submit();
        }}
      >
        <h3>${msg('For an administrator: start the programme', { id: 'app.setup.admin' })}</h3>
        <p class="muted">
          ${msg('Create the school and your own record as its administrator. Then, in Admin, create the first cycle and import your staff from a CSV file.', { id: 'app.setup.admin-intro' })}
        </p>
        ${field('school', msg('School', { id: 'app.setup.school' }), draft.school, 'organization')}
        ${field('name', msg('Your name', { id: 'app.setup.name' }), draft.name, 'name')}
        ${draft.errors.form ? html`<p class="notice error" role="alert">${draft.errors.form}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${draft.busy}>${msg('Create the school and open Admin', { id: 'app.setup.create' })}</button>
        </div>
      </form>
    </div>
  </section>`;
}

/** The placeholder for a page that names no one, or someone the directory does not know. */
export function renderNoOne(state: Exclude<FirstRun, 'setup'>, personId: string | undefined): TemplateResult {
  const id = personId ?? '';
  return html`<section class="first-run" part="first-run" aria-labelledby="first-run-heading">
    <h2 id="first-run-heading" data-view tabindex="-1">
      ${state === 'unknown-person' ? msg('Not in this school’s directory', { id: 'app.unknown.heading' }) : msg('Not signed in', { id: 'app.not-signed-in' })}
    </h2>
    <p>
      ${state === 'unknown-person'
        ? msg(str`No one with the id “${id}” is in this school’s directory, so there is nothing of theirs to show. Check the person-id the page gives, or ask an administrator to add them in Admin.`, { id: 'app.unknown.body' })
        : msg('The page has not said who is signed in: it gives plc-app a person-id from your site’s sign-in.', { id: 'app.no-person.body' })}
    </p>
  </section>`;
}
