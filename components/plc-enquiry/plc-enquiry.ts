import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { allowedEventTypes } from '../../src/policy/policy.js';
import { eventForReader } from '../../src/policy/redact.js';
import type { Refusal } from '../../src/lifecycle/refusals.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { LIMITS } from '../../src/schema/common.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { currentLocale, formatDateTime } from '../localization.js';
import { evidenceKindLabel, placeInProviderText, stageLabel, statusLabel, tryAgainText } from '../strings.js';
import { refusalText, serverRefusalText } from '../refusal-text.js';
import { ServerRefusalsController } from '../controllers/server-refusals.js';
import type { ServerRefusal } from '../../src/store/sync.js';
// The built-in evidence kinds' names, forms and renderers, loaded with this element (context/views.ts).
import '../evidence/built-in.js';
// The built-in stages' panels, loaded with this element (context/views.ts).
import '../stages/built-in.js';
import { sharedStyles } from '../styles/shared.js';
import { fill, textOf } from '../shared/text.js';
import type { NextNote, StagePanelContext } from '../stages/stage-view.js';
import { manageActions, stageActions, type ActionSpec } from './actions.js';
import { describeEvent, eventNote, eventVersion } from './history.js';
import { foldStyles, foldText } from '../shared/fold.js';
import { enquiryStyles } from './plc-enquiry.styles.js';
// The elements each stage's panel places: the enquiry view brings them with it.
import '../plc-question-editor/index.js';
import '../plc-observation-form/index.js';
import '../plc-observation-list/index.js';
import '../plc-evidence-board/index.js';
import '../plc-outcome-editor/index.js';

/** A verdict on whether an action may run now. */
type Verdict = { ok: true } | { ok: false; reason: string };

/** History entries shown before "Show all". */
const HISTORY_PAGE = 25;

/**
 * One enquiry from theme to sharing: a header (title, theme, community, owners, status), a stage
 * stepper (done / current / not yet, and why the next stage is locked), the current stage's panel
 * with the elements that do its work (`plc-question-editor`, `plc-observation-form`,
 * `plc-observation-list`, `plc-evidence-board`, `plc-outcome-editor`), the steps that move the
 * enquiry on or back (start evidence, move to sharing, back to the question, gather more evidence,
 * pause, resume, withdraw, archive) shown only to those the policy allows, and a history timeline
 * of every event with refused ones marked and explained.
 *
 * Each stage is drawn as its description says (components/stages: name, guidance, the step that
 * moves on, the steps back, the panel). An integrator's stage is drawn from the description given
 * to `<plc-provider .stageViews>`, in the active language; without one, its id names it and the
 * `stage-<id>` slot is its panel.
 *
 * When the stage changes, focus moves to the new stage's heading and a live region says
 * "Stage now: Evidence".
 *
 * @summary An enquiry: stage stepper, current stage, actions and history.
 * @slot stage-<id> - The panel of an integrator's stage `<id>` (e.g. `stage-coaching`), placed in the light DOM.
 * @event plc-stage-change - The enquiry moved to another stage (from any element or tab). `enquiryId`, `from`, `to`.
 * @event plc-change - A step by this element was saved. `enquiryId`, `step`.
 * @event plc-refused - A step was refused by the lifecycle; `code` and `message` say why.
 * @event plc-error - The enquiry could not be loaded or a step could not be saved.
 * @csspart header - Title, theme, community, owners, status and the manage actions.
 * @csspart manage - The pause / resume / withdraw / archive buttons.
 * @csspart stepper - The ordered list of stages.
 * @csspart step - One stage in the stepper.
 * @csspart panel - The current (or viewed) stage's panel.
 * @csspart stage-heading - The panel's heading; focused when the stage changes.
 * @csspart actions - The buttons that move the enquiry on or back.
 * @csspart confirm - The confirmation step (withdraw, archive, go back) with its reason field.
 * @csspart history - The history timeline.
 * @csspart live - The visually hidden live region.
 * @cssproperty --plc-color-success - Done stages.
 * @cssproperty --plc-color-accent - The current stage.
 * @cssproperty --plc-color-warning - Locked stages and their reasons.
 * @cssproperty --plc-color-danger - Refused events in the history.
 */
export class PlcEnquiry extends PlcElement {
  static override styles = [sharedStyles, foldStyles, enquiryStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    viewing: { state: true },
    confirming: { state: true },
    reason: { state: true },
    reasonError: { state: true },
    historyExpanded: { state: true },
  };

  constructor() {
    super();
    this.reason = '';
    this.reasonError = '';
    this.historyExpanded = false;
  }

  /** The enquiry to show. */
  declare enquiryId: string | undefined;

  /** Loads, replays and follows the enquiry's log. */
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);

  /** The earlier stage a person chose to look at; the current stage when undefined. */
  private declare viewing: string | undefined;
  private declare confirming: ActionSpec | undefined;
  private declare reason: string;
  private declare reasonError: string;
  private declare historyExpanded: boolean;

  /** The steps the server refused on push, marked in the history. */
  private readonly serverRefusals = new ServerRefusalsController(this, () => this.session?.store, () => this.enquiryId, () => this.enquiry.log);

  /** The steps this view takes: one at a time, a refusal's reason in the problem notice. */
  private readonly steps = new StepController(this, this.enquiry, 'enquiry-problem');

  private seen: { enquiryId: string | undefined; stage: string } | undefined;
  private focusStageHeading = false;
  private confirmTrigger: string | undefined;

  /** Moves keyboard focus to the enquiry's title (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    (this.renderRoot.querySelector<HTMLElement>('#title') ?? this.renderRoot.querySelector<HTMLElement>('#state-heading'))?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('enquiryId')) {
      this.viewing = undefined;
      this.confirming = undefined;
      this.steps.clear();
      this.historyExpanded = false;
    }
    const current = this.enquiry.state;
    if (this.enquiry.status !== 'ready' || !current) return;
    const previous = this.seen;
    if (previous && previous.enquiryId === this.enquiryId && previous.stage !== current.stage) {
      this.viewing = undefined;
      this.confirming = undefined;
      this.steps.clear();
      this.steps.announce(msg(str`Stage now: ${stageLabel(current.stage, this.session?.views)}`, { id: 'enquiry.stage-now' }));
      this.focusStageHeading = this.hasFocusWithin();
    }
    this.seen = { enquiryId: this.enquiryId, stage: current.stage };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusStageHeading) {
      this.focusStageHeading = false;
      this.renderRoot.querySelector<HTMLElement>('#stage-heading')?.focus();
    }
  }

  /** Whether keyboard focus is in this element (or nowhere), so moving it will not pull a person away from elsewhere. */
  private hasFocusWithin(): boolean {
    let deepest: Element | null = document.activeElement;
    if (!deepest || deepest === document.body) return true;
    while (deepest.shadowRoot?.activeElement) deepest = deepest.shadowRoot.activeElement;
    const up = (node: Node): Node | null => (node instanceof ShadowRoot ? node.host : node.parentNode);
    const isAncestor = (ancestor: Node, of: Node) => {
      for (let node: Node | null = of; node; node = up(node)) if (node === ancestor) return true;
      return false;
    };
    // Focus inside this element, or on a host around it whose focused child was just removed.
    return isAncestor(this, deepest) || isAncestor(deepest, this);
  }

  // ---- what the person may do --------------------------------------------------------------

  /** Event types the policy lets the signed-in person append (empty when nobody is signed in). */
  private allowedTypes(): Set<string> {
    const session = this.session;
    const person = session?.person;
    const data = this.enquiry.state?.data;
    if (!session || !person || !data) return new Set();
    const communityId = data.details?.communityId;
    const community = communityId ? session.directory.communities.get(communityId) : undefined;
    return new Set(allowedEventTypes({ kind: 'person', person }, data, { community, eventTypes: session.lifecycle.eventTypes }));
  }

  private verdict(type: string): Verdict {
    const result = this.enquiry.check(type, {});
    return result.ok ? { ok: true } : { ok: false, reason: refusalText(result.refusal, this.session?.views) };
  }

  /** Why the stage after the current one cannot start yet, or that it is ready: the stage's description says how to ask. */
  private nextStageNote(): NextNote | undefined {
    const state = this.enquiry.state;
    if (!state) return undefined;
    const status = state.data.status;
    if (status === 'paused') return { locked: true, text: refusalText({ code: 'paused', params: {}, message: '' }) };
    if (status !== 'active') return { locked: true, text: refusalText({ code: 'closed', params: {}, message: '' }) };
    const advance = (type: string): NextNote => {
      const verdict = this.verdict(type);
      return verdict.ok ? { locked: false, text: msg('Ready to start.', { id: 'enquiry.step.ready' }) } : { locked: true, text: verdict.reason };
    };
    const view = this.session?.views.stage(state.stage);
    if (view?.nextNote) return view.nextNote(state, advance);
    return view?.advance ? advance(view.advance.type) : undefined;
  }

  // ---- doing it ----------------------------------------------------------------------------

  private async run(spec: ActionSpec, payload: Record<string, unknown> = {}): Promise<boolean> {
    if (this.steps.busy) return false;
    const result = await this.steps.take(spec.type, payload, (error) => msg(str`This could not be saved: ${error}`, { id: 'enquiry.save-failed' }));
    if (result?.ok && spec.done) this.steps.announce(spec.done);
    return result?.ok ?? false;
  }

  private async press(spec: ActionSpec, verdict: Verdict): Promise<void> {
    if (!verdict.ok) {
      this.steps.announce(verdict.reason);
      return;
    }
    if (spec.confirm) {
      this.confirming = spec;
      this.confirmTrigger = spec.type;
      this.reason = '';
      this.reasonError = '';
      this.steps.clear();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#confirm-heading')?.focus();
      return;
    }
    const stageBefore = this.enquiry.state?.stage;
    const ok = await this.run(spec);
    await this.updateComplete;
    // A step that changes the stage has moved focus to the new heading; one that only removes its
    // own button (pause, resume) moves it to the action that replaced it.
    if (ok && this.enquiry.state?.stage === stageBefore) this.focusFirstAction();
  }

  private focusFirstAction(): void {
    const first = this.renderRoot.querySelector<HTMLElement>('[data-action]');
    if (first) first.focus();
    else this.focusHeading();
  }

  private async confirm(event: Event): Promise<void> {
    event.preventDefault();
    const spec = this.confirming;
    if (!spec?.confirm) return;
    const reason = this.reason.trim();
    if (spec.confirm.reasonRequired && !reason) {
      this.reasonError = msg('Give a reason so the people in the enquiry know why.', { id: 'enquiry.confirm.reason-missing' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#reason')?.focus();
      return;
    }
    this.reasonError = '';
    const stageBefore = this.enquiry.state?.stage;
    const ok = await this.run(spec, spec.confirm.reasonLabel && reason ? { reason } : {});
    if (ok) {
      this.confirming = undefined;
      await this.updateComplete;
      if (this.enquiry.state?.stage === stageBefore) this.focusFirstAction();
    }
  }

  private async cancelConfirm(): Promise<void> {
    const trigger = this.confirmTrigger;
    this.confirming = undefined;
    this.reasonError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-action="${trigger}"]`)?.focus();
  }

  private view(stage: string | undefined): void {
    this.viewing = stage === this.enquiry.state?.stage ? undefined : stage;
    this.confirming = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#stage-heading')?.focus());
  }

  // ---- rendering ---------------------------------------------------------------------------

  protected override render() {
    return html`${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite" part="live">${this.steps.announcement}</div>`;
  }

  private renderBody(): TemplateResult {
    const session = this.session;
    if (!session) {
      return this.noSessionNotice(placeInProviderText);
    }
    if (!this.enquiryId) {
      return html`<div class="empty"><p>${msg('No enquiry chosen.', { id: 'enquiry.none' })}</p></div>`;
    }
    const status = this.enquiry.status;
    if (!session.ready || status === 'idle' || status === 'loading') {
      return html`<p class="muted" role="status">${msg('Loading the enquiry…', { id: 'enquiry.loading' })}</p>`;
    }
    if (status === 'missing') {
      return html`<div class="empty" role="status">
        <h2 id="state-heading" tabindex="-1">${msg('This enquiry could not be found', { id: 'enquiry.missing' })}</h2>
        <p>${msg('It may have been removed, or the link may be wrong.', { id: 'enquiry.missing-hint' })}</p>
      </div>`;
    }
    if (status === 'error' || !this.enquiry.state) {
      return html`<div class="notice error" role="alert">
        <h2 id="state-heading" tabindex="-1">${msg('This enquiry could not be loaded', { id: 'enquiry.load-failed' })}</h2>
        <p class="muted">${this.enquiry.error ?? ''}</p>
        <button @click=${() => void this.enquiry.reload()}>${tryAgainText()}</button>
      </div>`;
    }
    const allowed = this.allowedTypes();
    return html`${this.renderHeader(allowed)}
      <div class="layout">
        ${this.renderStepper()}
        <div class="main">${this.renderStatusNotice(allowed)} ${this.renderPanel(allowed)}</div>
      </div>
      ${this.renderHistory()}`;
  }

  private renderHeader(allowed: Set<string>) {
    const state = this.enquiry.state!;
    const details = state.data.details;
    const session = this.session!;
    const community = details?.communityId ? session.directory.communities.get(details.communityId) : undefined;
    const cycle = details ? session.directory.cycles.get(details.cycleId) : undefined;
    const track = details?.track && details.track !== 'plc' ? cycle?.tracks?.find((t) => t.id === details.track) : undefined;
    const owners = new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format((details?.ownerIds ?? []).map((id) => this.personName(id)));
    const kind =
      details?.kind === 'group'
        ? msg('Group enquiry', { id: 'enquiry.list.kind-group' })
        : msg('Individual project', { id: 'enquiry.list.kind-individual' });
    const manage = manageActions(state).filter((a) => allowed.has(a.type));
    const status = state.data.status;
    // Not a banner landmark: the page around the element has its own; this is the enquiry's title block.
    return html`<header class="header" part="header" role="none">
      <div class="header-main">
        <p class="eyebrow muted">${kind}${cycle ? ` · ${cycle.name}` : ''}</p>
        <h2 id="title" tabindex="-1">${details?.title ?? ''}</h2>
        <dl class="facts">
          <div>
            <dt>${msg('Theme', { id: 'enquiry.list.theme' })}</dt>
            <dd>${details?.themeId ? this.themeName(details.themeId) : msg('Not chosen yet', { id: 'enquiry.list.theme-none' })}</dd>
          </div>
          ${community
            ? html`<div>
                <dt>
                  ${details?.kind === 'group'
                    ? msg('Community', { id: 'enquiry.list.form.community' })
                    : msg('Supporting community', { id: 'enquiry.header.support' })}
                </dt>
                <dd>${community.name}</dd>
              </div>`
            : nothing}
          <div>
            <dt>${msg('Owners', { id: 'enquiry.header.owners' })}</dt>
            <dd>${owners}</dd>
          </div>
          ${track
            ? html`<div>
                <dt>${msg('Track', { id: 'enquiry.list.form.track' })}</dt>
                <dd>${track.name}</dd>
              </div>`
            : nothing}
          <div>
            <dt>${msg('Status', { id: 'enquiry.header.status' })}</dt>
            <dd><span class="badge status-${status}">${statusLabel(status)}</span></dd>
          </div>
        </dl>
      </div>
      ${manage.length > 0
        ? html`<div class="manage-wrap">${this.renderActions(manage, 'manage', 'manage', msg('Manage this enquiry', { id: 'enquiry.manage' }))}</div>`
        : nothing}
      ${this.confirming && manage.some((a) => a.type === this.confirming?.type) ? this.renderConfirm() : nothing}
    </header>`;
  }

  private stagesOf(): string[] {
    const session = this.session!;
    const own = this.enquiry.state?.data.details?.stages;
    // Stages inserted after the enquiry was created are passed over by it, so the stepper leaves them out.
    return session.lifecycle.stages.filter((stage) => !own || own.includes(stage));
  }

  private renderStepper() {
    const state = this.enquiry.state!;
    const stages = this.stagesOf();
    const currentIndex = stages.indexOf(state.stage);
    const next = this.nextStageNote();
    const shown = this.viewing ?? state.stage;
    const count = stages.length;
    return html`<nav class="stepper-nav" aria-label=${msg('Stages of this enquiry', { id: 'enquiry.stepper' })}>
      <ol class="stepper" part="stepper">
        ${stages.map((stage, index) => {
          const done = index < currentIndex || (state.stage === 'shared' && index === currentIndex);
          const current = index === currentIndex;
          const isNext = index === currentIndex + 1;
          const kind = current ? 'current' : done ? 'done' : isNext && next?.locked ? 'locked' : 'todo';
          const stateText = current
            ? state.stage === 'shared'
              ? msg('Done', { id: 'enquiry.step.done' })
              : msg('Current stage', { id: 'enquiry.step.current' })
            : done
              ? msg('Done', { id: 'enquiry.step.done' })
              : isNext && next?.locked
                ? msg('Locked', { id: 'enquiry.step.locked' })
                : msg('Not yet', { id: 'enquiry.step.todo' });
          const label = stageLabel(stage, this.session?.views);
          const reasonId = `reason-${stage}`;
          const name =
            (done || current) && shown !== stage
              ? html`<button class="step-name link" @click=${() => this.view(stage)} aria-describedby=${`state-${stage}`}>
                  ${label}<span class="visually-hidden"> (${msg('show this stage', { id: 'enquiry.step.show' })})</span>
                </button>`
              : html`<span class="step-name">${label}</span>`;
          return html`<li class="step ${kind} ${shown === stage ? 'shown' : ''}" part="step" aria-current=${current ? 'step' : nothing}>
            <span class="marker" aria-hidden="true">${done ? '✓' : String(index + 1)}</span>
            <span class="step-body">
              ${name}
              <span class="visually-hidden">${msg(str`stage ${index + 1} of ${count}`, { id: 'enquiry.step.position' })}</span>
              <span class="step-state" id=${`state-${stage}`}>${stateText}</span>
              ${isNext && next ? html`<span class="step-reason ${next.locked ? 'locked' : 'ready'}" id=${reasonId}>${next.text}</span>` : nothing}
            </span>
          </li>`;
        })}
      </ol>
      ${next && currentIndex + 1 < count
        ? html`<p class="next-note ${next.locked ? 'locked' : 'ready'}" aria-hidden="true">
            <strong>${stageLabel(stages[currentIndex + 1]!, this.session?.views)}:</strong> ${next.text}
          </p>`
        : nothing}
    </nav>`;
  }

  private renderStatusNotice(allowed: Set<string>) {
    const state = this.enquiry.state!;
    const status = state.data.status;
    const person = this.session?.person;
    const notes: TemplateResult[] = [];
    if (status === 'paused') {
      notes.push(html`<p class="notice warning">${msg('This enquiry is paused. Resume it to carry on.', { id: 'enquiry.notice.paused' })}</p>`);
    } else if (status === 'withdrawn') {
      notes.push(html`<p class="notice warning">${msg('This enquiry was withdrawn. Its history is kept below.', { id: 'enquiry.notice.withdrawn' })}</p>`);
    } else if (status === 'archived') {
      notes.push(html`<p class="notice">${msg('This enquiry is archived: it can be read but no longer changed.', { id: 'enquiry.notice.archived' })}</p>`);
    } else if (state.stage === 'shared') {
      notes.push(html`<p class="notice success">${msg('The outcome is published for colleagues.', { id: 'enquiry.notice.shared' })}</p>`);
    }
    if (!person) {
      notes.push(html`<p class="notice">${msg('Choose who you are to take part in this enquiry.', { id: 'enquiry.notice.no-person' })}</p>`);
    } else if (allowed.has('enquiry.pause') || status === 'archived') {
      // A member (every member may pause): nothing to explain.
    } else if (allowed.has('question.approve')) {
      notes.push(html`<p class="notice">${msg('You review this enquiry’s driving question; its members do the rest.', { id: 'enquiry.notice.reviewer' })}</p>`);
    } else {
      notes.push(html`<p class="notice">${msg('You are following this enquiry. Only its members can change it.', { id: 'enquiry.notice.not-member' })}</p>`);
    }
    return notes;
  }

  private renderPanel(allowed: Set<string>) {
    const state = this.enquiry.state!;
    const stage = this.viewing ?? state.stage;
    const isCurrent = stage === state.stage;
    const stages = this.stagesOf();
    const index = stages.indexOf(stage);
    const active = state.data.status === 'active';
    const views = this.session!.views;
    const view = views.stage(stage);
    const actions = isCurrent && active ? stageActions(view).filter((a) => allowed.has(a.type)) : [];
    return html`<section class="panel" part="panel" aria-labelledby="stage-heading">
      <div class="panel-head">
        <p class="muted position">${msg(str`Stage ${index + 1} of ${stages.length}`, { id: 'enquiry.panel.position' })}</p>
        <h3 id="stage-heading" part="stage-heading" tabindex="-1">
          ${stageLabel(stage, views)}${isCurrent ? nothing : html` <span class="muted">${msg('(earlier stage)', { id: 'enquiry.panel.earlier' })}</span>`}
        </h3>
        ${isCurrent ? html`<p class="guidance">${textOf(view?.guidance)}</p>` : html`<button class="link" @click=${() => this.view(undefined)}>
              ${msg(str`Back to the current stage: ${stageLabel(state.stage, views)}`, { id: 'enquiry.panel.back-to-current' })}
            </button>`}
      </div>
      ${actions.length > 0 ? this.renderActions(actions, 'stage-actions', 'actions', msg('Move the enquiry on', { id: 'enquiry.actions' })) : nothing}
      ${this.confirming && actions.some((a) => a.type === this.confirming?.type) ? this.renderConfirm() : nothing}
      ${this.confirming ? nothing : this.steps.renderProblem()}
      <div class="stage-content">${this.renderStageContent(stage, isCurrent, allowed)}</div>
    </section>`;
  }

  /** A row of action buttons; the reason an action cannot run yet is written under the row. */
  private renderActions(specs: ActionSpec[], className: string, part: string, label: string) {
    const verdicts = new Map(specs.map((spec) => [spec.type, this.verdict(spec.type)]));
    const reasonId = (spec: ActionSpec) => `why-${spec.type.replace('.', '-')}`;
    const blocked = specs.filter((spec) => !verdicts.get(spec.type)!.ok);
    return html`<div class="actions ${className}" part=${part} role="group" aria-label=${label}>
        ${repeat(
          specs,
          (spec) => spec.type,
          (spec) => {
            const verdict = verdicts.get(spec.type)!;
            const classes = [spec.primary ? 'primary' : '', spec.danger ? 'danger' : ''].join(' ').trim();
            return html`<button
              class=${classes || nothing}
              data-action=${spec.type}
              aria-disabled=${verdict.ok && !this.steps.busy ? 'false' : 'true'}
              aria-describedby=${verdict.ok ? nothing : reasonId(spec)}
              aria-expanded=${spec.confirm ? (this.confirming?.type === spec.type ? 'true' : 'false') : nothing}
              @click=${() => (this.steps.busy ? undefined : void this.press(spec, verdict))}
            >
              ${spec.label}
            </button>`;
          },
        )}
      </div>
      ${blocked.map((spec) => {
        const verdict = verdicts.get(spec.type) as { ok: false; reason: string };
        return html`<p class="why" id=${reasonId(spec)}>${verdict.reason}</p>`;
      })}`;
  }

  private renderConfirm() {
    const spec = this.confirming!;
    const confirm = spec.confirm!;
    return html`<form class="confirm card" part="confirm" novalidate @submit=${this.confirm} aria-labelledby="confirm-heading">
      <h3 id="confirm-heading" tabindex="-1">${confirm.title}</h3>
      <p>${confirm.text}</p>
      ${confirm.reasonLabel
        ? html`<div class="field">
            <label for="reason">${confirm.reasonLabel}</label>
            <textarea
              id="reason"
              maxlength=${LIMITS.longText}
              .value=${this.reason}
              aria-invalid=${this.reasonError ? 'true' : 'false'}
              aria-describedby=${this.reasonError ? 'reason-error' : nothing}
              @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this.reasonError ? html`<p class="field-error" id="reason-error">${this.reasonError}</p>` : nothing}
          </div>`
        : nothing}
      ${this.steps.renderProblem()}
      <div class="actions">
        <button type="submit" class=${spec.danger ? 'danger' : 'primary'} ?disabled=${this.steps.busy}>${confirm.button}</button>
        <button type="button" @click=${() => void this.cancelConfirm()}>${msg('Cancel', { id: 'enquiry.list.form.cancel' })}</button>
      </div>
    </form>`;
  }

  /** The panel of a stage, from its description; embedded elements' headings sit below the stage's h3. */
  private renderStageContent(stage: string, isCurrent: boolean, allowed: Set<string>) {
    const session = this.session!;
    const panel = session.views.stage(stage)?.panel;
    if (!panel) {
      return html`<slot name=${`stage-${stage}`}>
        <p class="muted">${msg('This stage is run by your school’s own tools.', { id: 'enquiry.panel.custom-stage' })}</p>
      </slot>`;
    }
    const context: StagePanelContext = {
      enquiryId: this.enquiryId!,
      state: this.enquiry.state!,
      session,
      current: isCurrent,
      allowed,
      busy: this.steps.busy,
      take: (type, payload = {}) => this.run({ type, label: '' }, payload),
      problem: (text) => void this.steps.showProblem(text),
    };
    return panel(context);
  }

  private renderHistory() {
    const state = this.enquiry.state!;
    const refusals = new Map<string, Refusal>(state.refusals.map((r) => [r.eventId, r]));
    const log = this.enquiry.log;
    const newestFirst = [...log].reverse();
    const shown = this.historyExpanded ? newestFirst : newestFirst.slice(0, HISTORY_PAGE);
    const names = {
      person: (id: string | undefined) => this.personName(id),
      theme: (id: string | undefined) => this.themeName(id),
      evidenceKind: (kind: string) => evidenceKindLabel(kind, this.session?.views),
      stageEvent: (type: string, who: string) => {
        const sentence = this.stagesOf().map((id) => this.session?.views.stage(id)?.history?.[type]).find((t) => t !== undefined);
        return sentence === undefined ? undefined : fill(sentence, { who });
      },
    };
    // Each event as this reader may see it: the same redaction a server applies (docs/privacy.md).
    const context = { enquiry: state.data, community: this.enquiry.community };
    const actor = this.enquiry.actor;
    const visible = (event: DomainEvent) => (actor ? (eventForReader(actor, event, context) ?? event) : event);
    return html`<section class="history" part="history" aria-labelledby="history-heading">
      <h3 id="history-heading">${msg('History', { id: 'enquiry.history.heading' })}</h3>
      <p class="muted">${msg('Newest first. Refused steps stay in the history with the reason.', { id: 'enquiry.history.hint' })}</p>
      <ol class="timeline">
        ${shown.map((event) => this.renderHistoryEntry(visible(event), refusals.get(event.id), names, this.serverRefusals.refusals.get(event.id)))}
      </ol>
      ${log.length > HISTORY_PAGE
        ? html`<button class="link" aria-expanded=${this.historyExpanded ? 'true' : 'false'} @click=${() => (this.historyExpanded = !this.historyExpanded)}>
            ${this.historyExpanded
              ? msg('Show only the latest', { id: 'enquiry.history.less' })
              : msg(str`Show all ${log.length} events`, { id: 'enquiry.history.all' })}
          </button>`
        : nothing}
    </section>`;
  }

  private renderHistoryEntry(event: DomainEvent, refusal: Refusal | undefined, names: Parameters<typeof describeEvent>[1], server?: ServerRefusal) {
    const note = eventNote(event);
    const version = eventVersion(event);
    const badge = server ? msg('Refused by the server', { id: 'enquiry.history.server-refused' }) : msg('Refused', { id: 'enquiry.history.refused' });
    return html`<li class=${refusal || server ? 'refused' : 'accepted'}>
      <p class="what">${refusal || server ? html`<span class="badge refused-badge">${badge}</span> ` : nothing}${describeEvent(event, names)}</p>
      ${note ? html`<div class="note">${foldText(`“${note}”`)}</div>` : nothing}
      ${version.length
        ? html`<details class="version" part="version">
            <summary>${msg('What was written', { id: 'enquiry.history.version' })}</summary>
            <dl>
              ${version.map((field) => html`<dt>${field.label}</dt><dd>${foldText(field.text, 'div')}</dd>`)}
            </dl>
          </details>`
        : nothing}
      ${refusal && !server ? html`<p class="why">${refusalText(refusal, this.session?.views)}</p>` : nothing}
      ${server
        ? html`<div class="why">${foldText(serverRefusalText(server, this.session?.views), 'div')}</div>
            <p class="muted">${msg('Kept on this device only, not shared with anyone: copy the words if you need them elsewhere.', { id: 'enquiry.history.server-refused-kept' })}</p>`
        : nothing}
      <p class="when muted"><time datetime=${event.at}>${formatDateTime(event.at)}</time></p>
    </li>`;
  }
}
