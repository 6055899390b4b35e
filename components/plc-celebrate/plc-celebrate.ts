import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { Celebration } from '../../src/sync/badges.js';
import { PlcElement } from '../base/plc-element.js';
import { ServerQueryController } from '../controllers/server-query.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDate } from '../localization.js';
import { badgeMark } from '../shared/badge-mark.js';
import { clampLevel, heading } from '../shared/heading.js';
import { serverStateNotice } from '../shared/server-state.js';
import { sharedStyles } from '../styles/shared.js';
import { celebrateStyles } from './plc-celebrate.styles.js';
import { needsProviderText, tryAgainText } from '../strings.js';

/** How often the celebrations are read again, so a screen left on shows new ones (5 minutes). */
const RELOAD_MS = 5 * 60_000;

/**
 * A staff room screen that celebrates progress: the most recently published enquiries, in large
 * type, one at a time, with the names of the members who earned a badge for each. It moves to the
 * next every `interval` seconds; it stops while the pointer or keyboard focus is on it, and its
 * Pause button stops it for good (WCAG 2.2.2), Previous and Next (or the arrow keys) step
 * through. It shows only what all staff read already (published enquiries and people's names;
 * docs/privacy.md, `celebration`): nothing unpublished, no notes, no email addresses. The list
 * comes from the plc-kit server, read again every five minutes.
 *
 * @summary Recently published enquiries and their members' badges, for a staff room screen.
 * @event plc-error - The celebrations could not be loaded.
 * @csspart slide - The enquiry shown.
 * @csspart members - The members who earned its badge.
 * @csspart controls - Previous, Pause or Play, and Next.
 * @csspart empty - The message shown when nothing is published yet.
 * @cssproperty --plc-celebrate-size - The size of the enquiry's title (clamp(1.75rem, 5vw, 3.5rem) by default).
 * @cssproperty --plc-color-accent - The badges' marks.
 */
export class PlcCelebrate extends PlcElement {
  static override styles = [sharedStyles, celebrateStyles];

  static override properties: PropertyDeclarations = {
    interval: { type: Number },
    limit: { type: Number },
    headingLevel: { attribute: 'heading-level', type: Number },
    index: { state: true },
    paused: { state: true },
    held: { state: true },
  };

  constructor() {
    super();
    this.interval = 10;
    this.limit = 12;
    this.headingLevel = 2;
    this.index = 0;
    this.paused = false;
    this.held = false;
  }

  /** Seconds between enquiries; 0 shows one until someone moves on. */
  declare interval: number;
  /** How many of the most recent enquiries to show (1 to 50). */
  declare limit: number;
  /** The level of the heading (2 to 6). */
  declare headingLevel: number;

  /** The enquiry shown, by position. */
  declare index: number;
  /** Stopped with the Pause button. */
  declare paused: boolean;
  /** Held while the pointer or focus is on the element. */
  private declare held: boolean;

  private timer: ReturnType<typeof setInterval> | undefined;
  private reload: ReturnType<typeof setInterval> | undefined;
  private reported: string | undefined;

  private readonly celebrations = new ServerQueryController<{ enquiries: Celebration[] }>(
    this,
    () => this.session,
    (session) => (session.person ? `/v1/celebrate?limit=${Math.min(50, Math.max(1, Math.round(this.limit) || 12))}` : undefined),
  );

  /** Puts keyboard focus on the element's heading (the app does after each navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** Reads the celebrations again. */
  refresh(): Promise<void> {
    return this.celebrations.refresh();
  }

  /** Shows the next enquiry (the first after the last). */
  next(): void {
    const count = this.items.length;
    if (count) this.index = (this.index + 1) % count;
  }

  /** Shows the previous enquiry (the last before the first). */
  previous(): void {
    const count = this.items.length;
    if (count) this.index = (this.index - 1 + count) % count;
  }

  private get items(): Celebration[] {
    return this.celebrations.value?.enquiries ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.reload = setInterval(() => void this.refresh(), RELOAD_MS);
    this.restartTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.reload);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('interval') || changed.has('paused')) this.restartTimer();
    if (this.index >= this.items.length && this.items.length) this.index = 0;
  }

  protected override updated(): void {
    const failed = this.celebrations.status === 'error' || this.celebrations.status === 'offline';
    if (failed && this.reported !== this.celebrations.problem) this.dispatchEvent(new PlcErrorEvent((this.reported = this.celebrations.problem), new Error(this.celebrations.problem)));
    if (!failed) this.reported = undefined;
  }

  private restartTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.isConnected || this.paused || !(this.interval > 0)) return;
    this.timer = setInterval(() => {
      if (!this.held && this.items.length > 1) this.next();
    }, this.interval * 1000);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowRight') this.next();
    else if (event.key === 'ArrowLeft') this.previous();
    else return;
    event.preventDefault();
  }

  private slide(item: Celebration, position: number, count: number) {
    const kind = item.kind === 'group' ? msg('Group enquiry', { id: 'celebrate.group' }) : msg('Individual project', { id: 'celebrate.individual' });
    return html`<article class="slide" part="slide" aria-roledescription=${msg('slide', { id: 'celebrate.slide' })} aria-label=${msg(str`${position} of ${count}`, { id: 'celebrate.position' })}>
      <p class="kicker">${msg(str`Published ${formatDate(item.publishedAt)}`, { id: 'celebrate.published' })}</p>
      <p class="title">${item.title}</p>
      <p class="meta">${item.cycleName ? html`${kind} · ${item.cycleName}` : kind}</p>
      <p class="earned">${msg('Earned the badge “Published a professional enquiry”:', { id: 'celebrate.earned' })}</p>
      <ul part="members" class="members">
        ${item.members.map((member) => html`<li>${badgeMark()}<span>${member.name}</span></li>`)}
      </ul>
    </article>`;
  }

  protected override render() {
    const title = heading(clampLevel(this.headingLevel), msg('Celebrating our enquiries', { id: 'celebrate.heading' }), { id: 'heading', focusable: true });
    const notice = serverStateNotice(this.session, this.celebrations, {
      noProvider: needsProviderText,
      noPerson: () => msg('Sign in on this screen to show the enquiries your colleagues published.', { id: 'celebrate.no-person' }),
      noServer: () => msg('The celebrations come from the plc-kit server, where badges are signed. This page keeps its work on this device only.', { id: 'celebrate.no-server' }),
      loading: () => msg('Loading the celebrations…', { id: 'celebrate.loading' }),
      offline: () => msg('Offline: the celebrations show again once the server can be reached.', { id: 'celebrate.offline' }),
      loadError: (problem) => msg(str`The celebrations could not be loaded: ${problem}`, { id: 'celebrate.load-error' }),
      retry: tryAgainText,
    }, this.providerOpening);
    if (notice) return html`${title}${notice}`;
    const items = this.items;
    if (!items.length) {
      return html`${title}<p class="empty" part="empty">
          ${msg('No enquiries published yet. When one is, it appears here with the names of everyone who earned its badge.', { id: 'celebrate.empty' })}
        </p>`;
    }
    const index = Math.min(this.index, items.length - 1);
    const rotating = items.length > 1 && this.interval > 0 && !this.paused;
    return html`${title}
      <section
        class="stage"
        aria-roledescription=${msg('carousel', { id: 'celebrate.carousel' })}
        aria-label=${msg('Recently published enquiries', { id: 'celebrate.label' })}
        @keydown=${this.onKey}
        @focusin=${() => (this.held = true)}
        @focusout=${() => (this.held = false)}
        @pointerenter=${() => (this.held = true)}
        @pointerleave=${() => (this.held = false)}
      >
        ${items.length > 1
          ? html`<div class="controls" part="controls">
              <button @click=${() => this.previous()}>${msg('Previous', { id: 'celebrate.previous' })}</button>
              ${this.interval > 0
                ? html`<button aria-pressed=${this.paused ? 'true' : 'false'} @click=${() => (this.paused = !this.paused)}>${msg('Pause', { id: 'celebrate.pause' })}</button>`
                : nothing}
              <button @click=${() => this.next()}>${msg('Next', { id: 'celebrate.next' })}</button>
            </div>`
          : nothing}
        <div aria-live=${rotating ? 'off' : 'polite'} aria-atomic="true">${this.slide(items[index]!, index + 1, items.length)}</div>
      </section>`;
  }
}
