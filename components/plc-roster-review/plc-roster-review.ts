import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { ApplyResult, PreviewRequest, RosterCourse, RosterPreview, RosterService } from '../../src/roster/client.js';
import { createRosterClient } from '../../src/roster/client.js';
import type { FieldChange, RosterPerson } from '../../src/roster/reconcile.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcRosterAppliedEvent } from '../events/roster-applied.js';
import { formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { rosterReviewStyles } from './plc-roster-review.styles.js';

/** The largest CSV file read (a trust's export is far smaller). */
const MAX_FILE = 20 * 1024 * 1024;
const FILES = ['users', 'orgs', 'enrollments', 'roles'] as const;
type FileName = (typeof FILES)[number];

const roleName = (role: string): string =>
  ({
    teacher: msg('Teacher', { id: 'roster.role.teacher' }),
    'cpd-leader': msg('CPD leader', { id: 'roster.role.cpd-leader' }),
    coach: msg('Coach', { id: 'roster.role.coach' }),
    admin: msg('Administrator', { id: 'roster.role.admin' }),
  })[role] ?? role;

const fieldName = (field: FieldChange['field']): string =>
  ({
    name: msg('name', { id: 'roster.field.name' }),
    email: msg('email', { id: 'roster.field.email' }),
    schoolId: msg('school', { id: 'roster.field.school' }),
    roles: msg('roles', { id: 'roster.field.roles' }),
    leftOn: msg('left on', { id: 'roster.field.left-on' }),
  })[field];

const shown = (value: unknown): string => (Array.isArray(value) ? value.map(roleName).join(', ') : value === undefined || value === '' ? '—' : String(value));

/**
 * Lets an administrator bring the staff list up to date from a roster, and see every change
 * before it is made: a course in the VLE (LTI Names and Role Provisioning; the courses plc-kit has
 * been launched from are listed) or a OneRoster 1.2 export (`users.csv`, and `orgs.csv`,
 * `enrollments.csv`, `roles.csv` when the export has them). "Preview changes" lists joiners,
 * movers (each changed field, before and after) and leavers (with the day they leave), each with
 * a box ticked to apply it, and what could not be used; "Apply" makes the ticked changes.
 * Leavers are marked as having left, never deleted: their past work stays, their access ends.
 *
 * It talks to the plc-kit server: set `server` and `tokenProvider` (an administrator's), or
 * `service` (any {@link RosterService}).
 *
 * @summary Roster review: joiners, movers and leavers from the VLE or a OneRoster export, confirmed before they apply.
 * @event plc-roster-applied - The ticked changes were applied. `results` says what happened to each.
 * @csspart source - The fieldset choosing where the roster comes from.
 * @csspart preview - The list of changes.
 * @csspart apply - The apply button.
 * @cssproperty --plc-color-danger - Problems and errors.
 * @cssproperty --plc-color-border - Lines between changes.
 */
export class PlcRosterReview extends PlcElement {
  static override styles = [sharedStyles, rosterReviewStyles];

  static override properties: PropertyDeclarations = {
    server: {},
    tokenProvider: { attribute: false },
    service: { attribute: false },
    courses: { state: true },
    source: { state: true },
    course: { state: true },
    files: { state: true },
    busy: { state: true },
    preview: { state: true },
    unticked: { state: true },
    results: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.source = 'lti';
    this.course = '';
    this.files = {};
    this.unticked = new Set<string>();
  }

  /** The plc-kit server (with `tokenProvider`). */
  declare server: string | undefined;
  /** Gives an administrator's bearer token for `server`. */
  declare tokenProvider: (() => Promise<string>) | undefined;
  /** The roster service to use instead of `server`. */
  declare service: RosterService | undefined;

  private declare courses: RosterCourse[] | undefined;
  private declare source: 'lti' | 'oneroster';
  private declare course: string;
  private declare files: Partial<Record<FileName, string>>;
  private declare busy: 'loading' | 'preview' | 'apply' | undefined;
  private declare preview: RosterPreview | undefined;
  private declare unticked: Set<string>;
  private declare results: ApplyResult[] | undefined;
  private declare error: string | undefined;

  private get api(): RosterService | undefined {
    if (this.service) return this.service;
    return this.server && this.tokenProvider ? createRosterClient(this.server, this.tokenProvider) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadCourses();
  }

  /** Reads the courses again (after a launch from a new course). */
  async loadCourses(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.busy = 'loading';
    try {
      this.courses = await api.courses();
      const first = this.courses.find((c) => c.readable);
      this.course ||= first ? `${first.platformId}\n${first.contextId}` : '';
      if (!first) this.source = 'oneroster';
      this.error = undefined;
    } catch (error) {
      this.courses = [];
      this.error = (error as Error).message;
    } finally {
      this.busy = undefined;
    }
  }

  private async readFile(name: FileName, input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) {
      const { [name]: _gone, ...rest } = this.files;
      this.files = rest;
      return;
    }
    if (file.size > MAX_FILE) {
      this.error = msg(str`${file.name} is larger than 20 MB: is it the right file?`, { id: 'roster.file-too-big' });
      input.value = '';
      return;
    }
    this.files = { ...this.files, [name]: await file.text() };
  }

  private async runPreview(event: Event) {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    let request: PreviewRequest;
    if (this.source === 'lti') {
      const [platformId, contextId] = this.course.split('\n');
      if (!platformId || !contextId) {
        this.error = msg('Choose a course first.', { id: 'roster.choose-course' });
        return;
      }
      request = { source: 'lti', platformId, contextId };
    } else {
      if (this.files.users === undefined) {
        this.error = msg('Choose the users.csv file of the export.', { id: 'roster.need-users' });
        this.renderRoot.querySelector<HTMLInputElement>('#file-users')?.focus();
        return;
      }
      request = { source: 'oneroster', files: { users: this.files.users, orgs: this.files.orgs, enrollments: this.files.enrollments, roles: this.files.roles } };
    }
    this.results = undefined;
    await this.whileBusy('preview', async () => {
      this.preview = await api.preview(request);
      this.unticked = new Set();
      return '#preview-heading';
    });
  }

  /** Runs a request with the busy state set, shows its error, and moves focus to what it returns. */
  private async whileBusy(what: 'preview' | 'apply', work: () => Promise<string>) {
    this.busy = what;
    this.error = undefined;
    try {
      const focus = await work();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = undefined;
    }
  }

  private async runApply() {
    const api = this.api;
    const preview = this.preview;
    if (!api || !preview) return;
    await this.whileBusy('apply', async () => {
      this.results = await api.apply(preview.planId, [...this.unticked]);
      this.preview = undefined;
      this.dispatchEvent(new PlcRosterAppliedEvent(this.results));
      return '#results';
    });
  }

  private toggle(externalId: string, on: boolean) {
    const next = new Set(this.unticked);
    if (on) next.delete(externalId);
    else next.add(externalId);
    this.unticked = next;
  }

  private change(externalId: string, label: TemplateResult | string, detail: TemplateResult | string) {
    return html`<li>
      <label
        ><input type="checkbox" .checked=${!this.unticked.has(externalId)} @change=${(e: Event) => this.toggle(externalId, (e.target as HTMLInputElement).checked)} />
        <span><strong>${label}</strong><br /><span class="detail">${detail}</span></span></label
      >
    </li>`;
  }

  private group(id: string, title: string, items: TemplateResult[]) {
    if (!items.length) return nothing;
    return html`<section aria-labelledby=${id}>
      <h3 id=${id}>${title} (${formatNumber(items.length)})</h3>
      <ul class="changes">
        ${items}
      </ul>
    </section>`;
  }

  private renderPreview(preview: RosterPreview) {
    const { plan } = preview;
    const who = (p: RosterPerson) => `${p.name}${p.email ? ` · ${p.email}` : ''}`;
    const total = plan.joiners.length + plan.movers.length + plan.leavers.length;
    const ticked = total - [...this.unticked].length;
    const problems = [...plan.problems.map((p) => `${p.externalId}: ${p.message}`), ...preview.fileProblems.map((p) => msg(str`${p.file}, line ${p.line}: ${p.message}`, { id: 'roster.file-problem' }))];
    return html`<div part="preview">
      <h2 id="preview-heading" tabindex="-1">${msg('Changes to the staff list', { id: 'roster.preview-heading' })}</h2>
      <p class="summary">
        ${msg(str`${formatNumber(plan.joiners.length)} joining, ${formatNumber(plan.movers.length)} changing, ${formatNumber(plan.leavers.length)} leaving; ${formatNumber(plan.unchanged)} unchanged.`, { id: 'roster.summary' })}
      </p>
      ${total === 0 ? html`<p>${msg('The staff list already matches this roster.', { id: 'roster.nothing' })}</p>` : nothing}
      ${this.group('joiners', msg('Joining', { id: 'roster.joiners' }), plan.joiners.map((j) => this.change(j.externalId, who(j.person), j.person.roles.map(roleName).join(', '))))}
      ${this.group(
        'movers',
        msg('Changing', { id: 'roster.movers' }),
        plan.movers.map((m) => this.change(m.externalId, who(m.before), m.changes.map((c) => `${fieldName(c.field)}: ${shown(c.from)} → ${shown(c.to)}`).join('; '))),
      )}
      ${this.group(
        'leavers',
        msg('Leaving', { id: 'roster.leavers' }),
        plan.leavers.map((l) =>
          this.change(
            l.externalId,
            who(l.before),
            l.reason === 'inactive'
              ? msg(str`leaves on ${l.after.leftOn ?? ''}: the roster says they are no longer active. Their work stays.`, { id: 'roster.leaver-inactive' })
              : msg(str`leaves on ${l.after.leftOn ?? ''}: no longer in this roster. Their work stays.`, { id: 'roster.leaver-missing' }),
          ),
        ),
      )}
      ${problems.length
        ? html`<section aria-labelledby="problems">
            <h3 id="problems">${msg('Not used', { id: 'roster.problems' })} (${formatNumber(problems.length)})</h3>
            <ul class="problems">
              ${problems.map((p) => html`<li>${p}</li>`)}
            </ul>
          </section>`
        : nothing}
      ${total
        ? html`<button type="button" part="apply" ?disabled=${ticked === 0 || this.busy !== undefined} @click=${this.runApply}>
            ${msg(str`Apply ${formatNumber(ticked)} changes`, { id: 'roster.apply' })}
          </button>`
        : nothing}
    </div>`;
  }

  private renderResults(results: ApplyResult[]) {
    const count = (status: ApplyResult['status']) => results.filter((r) => r.status === status).length;
    const stale = results.filter((r) => r.status !== 'applied' && r.status !== 'skipped');
    return html`<div id="results" tabindex="-1" role="status">
      <p class="summary">${msg(str`${formatNumber(count('applied'))} changes made, ${formatNumber(count('skipped'))} left out.`, { id: 'roster.applied' })}</p>
      ${stale.length
        ? html`<p>${msg('Some records changed after the preview and were not touched: preview again to see them.', { id: 'roster.stale' })}</p>
            <ul class="problems">
              ${stale.map((r) => html`<li>${r.personId}: ${r.message ?? r.status}</li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  override render() {
    if (!this.api) return html`<p role="alert">${msg('This view needs the plc-kit server and an administrator’s sign-in.', { id: 'roster.no-server' })}</p>`;
    const readable = (this.courses ?? []).filter((c) => c.readable);
    return html`<h2>${msg('Staff roster', { id: 'roster.heading' })}</h2>
      <p>${msg('Bring the staff list up to date from your VLE or your information system. Nothing changes until you apply it.', { id: 'roster.intro' })}</p>
      <form @submit=${this.runPreview}>
        <fieldset part="source">
          <legend>${msg('Where the roster comes from', { id: 'roster.source' })}</legend>
          <label class="choice"
            ><input type="radio" name="source" value="lti" .checked=${this.source === 'lti'} ?disabled=${!readable.length} @change=${() => (this.source = 'lti')} />
            ${msg('A course in your VLE (Names and Roles)', { id: 'roster.source.lti' })}</label
          >
          ${this.source === 'lti'
            ? html`<div class="files course">
                <label for="course">${msg('Course', { id: 'roster.course' })}</label>
                <select id="course" .value=${this.course} @change=${(e: Event) => (this.course = (e.target as HTMLSelectElement).value)}>
                  ${readable.map((c) => html`<option value=${`${c.platformId}\n${c.contextId}`} ?selected=${this.course === `${c.platformId}\n${c.contextId}`}>${c.title ?? c.contextId} · ${c.platformName}</option>`)}
                </select>
              </div>`
            : nothing}
          ${this.courses && !readable.length
            ? html`<p class="detail">${msg('No course yet: launch plc-kit once from a course whose VLE offers Names and Roles.', { id: 'roster.no-courses' })}</p>`
            : nothing}
          <label class="choice"
            ><input type="radio" name="source" value="oneroster" .checked=${this.source === 'oneroster'} @change=${() => (this.source = 'oneroster')} />
            ${msg('A OneRoster export (CSV files)', { id: 'roster.source.oneroster' })}</label
          >
          ${this.source === 'oneroster'
            ? html`<div class="files">
                ${FILES.map(
                  (name) => html`<div>
                    <label for=${`file-${name}`}>${name}.csv ${name === 'users' ? '' : msg('(if the export has it)', { id: 'roster.optional-file' })}</label>
                    <input id=${`file-${name}`} type="file" accept=".csv,text/csv" @change=${(e: Event) => this.readFile(name, e.target as HTMLInputElement)} />
                  </div>`,
                )}
              </div>`
            : nothing}
        </fieldset>
        <button type="submit" ?disabled=${this.busy !== undefined}>${msg('Preview changes', { id: 'roster.preview' })}</button>
      </form>
      <p role="status">${this.busy === 'preview' ? msg('Reading the roster…', { id: 'roster.reading' }) : this.busy === 'apply' ? msg('Applying…', { id: 'roster.applying' }) : ''}</p>
      ${this.error ? html`<p class="problems" role="alert">${this.error}</p>` : nothing} ${this.preview ? this.renderPreview(this.preview) : nothing}
      ${this.results ? this.renderResults(this.results) : nothing}`;
  }
}
