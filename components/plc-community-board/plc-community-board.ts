import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { Cycle, School } from '../../src/schema/directory.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { currentLocale, formatNumber } from '../localization.js';
import { stageLabel, statusLabel } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { heading } from '../shared/heading.js';
import { cssomStyle } from '../shared/cssom-style.js';
import {
  buildRows,
  filterSummaries,
  haystackOf,
  rowAt,
  rowOffsets,
  visibleRange,
  type BoardFilters,
  type BoardRow,
  type EnquiryRow,
  type GroupRow,
} from './board-model.js';

/** Row heights in `em` of the element's font size, so a larger text setting gives taller rows. */
const GROUP_ROW_EM = 2.75;
const ENQUIRY_ROW_EM = 5.5;
/** Rows rendered above and below the visible ones, as a share of the viewport's height. */
const OVERSCAN = 0.5;
/** How long the count waits after the last change before it is announced to screen readers. */
const ANNOUNCE_AFTER_MS = 700;

/**
 * Every enquiry of a cycle on one board, grouped by theme, then community, then stage (with the
 * number of enquiries in each group), or as one flat list. Filters narrow it by theme, community,
 * stage, school (where the community meets or the owners work) and person (owner or
 * contributor); a search looks in titles, driving questions and owners' names. Only the
 * summaries the store keeps are read (never the logs), and only what they hold is shown: no
 * observation notes.
 *
 * Fast with 10,000 enquiries: rows have a fixed height (in `em`, so larger text gives taller
 * rows), and only the rows in view, half a screen above and below, and the focused row are in the
 * DOM; a spacer keeps the scroll bar true to the whole list. The windowing is written here rather
 * than taken from `@lit-labs/virtualizer`: with fixed heights it is a prefix sum and a binary
 * search, it must keep the focused row rendered for the roving tab stop, and it adds no dependency.
 *
 * Keyboard (the WAI-ARIA tree and listbox patterns): the grouped board is a `tree` (themes,
 * communities and stages are expandable `treeitem`s at levels 1 to 3 with their counts, enquiries
 * are level 4), the flat list a `listbox`; rows carry `aria-setsize`/`aria-posinset`, so a screen
 * reader says "12 of 10,000" although most rows are not in the DOM. Either is one Tab stop (a
 * roving `tabindex`; selection follows focus). Up and Down move between rows, Home and End go to
 * the first and last, Page Up and Page Down move a screenful; Enter (or Space) opens an enquiry or
 * opens and closes a group. In the tree, Right opens a closed group (or moves into an open one)
 * and Left closes an open group (or moves to the group above). A click does the same as Enter.
 *
 * The filters are attributes, reflected as the person changes them, so a host can start the board
 * filtered (e.g. `filter-theme="th-literacy"`) or keep the state in its URL.
 *
 * @summary Every enquiry of a cycle by theme, community and stage: filter, search, open.
 * @event plc-enquiry-open - A person opened an enquiry from the board (`enquiryId`, `created: false`).
 * @event plc-error - The enquiries could not be loaded.
 * @csspart header - The heading and the cycle's name.
 * @csspart filters - The search and filter form.
 * @csspart summary - The line that says how many enquiries are shown.
 * @csspart list - The scrolling tree (grouped) or listbox (flat list) of rows.
 * @csspart group - Each theme, community or stage heading row.
 * @csspart item - Each enquiry row.
 * @csspart empty - The message when the cycle has no enquiries, or none match.
 * @cssproperty --plc-board-height - Height of the scrolling list (default `min(70vh, 40rem)`).
 * @cssproperty --plc-color-accent-soft - Background of the focused row and the stage badges.
 * @cssproperty --plc-color-surface - Background of the group rows.
 */
export class PlcCommunityBoard extends PlcElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        container-type: inline-size;
      }
      .header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .header h2,
      .header h3,
      .header h4,
      .header h5,
      .header h6 {
        margin: 0;
      }
      .header p {
        margin: 0;
      }
      [tabindex='-1']:focus:not([role]) {
        outline: none;
      }
      form {
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
        gap: 0 calc(var(--plc-space, 0.5rem) * 1.5);
      }
      .filters .field {
        min-width: 0;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .bar fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
        margin: 0;
        padding: 0;
        border: none;
      }
      .filters-toggle {
        display: none;
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .n-short {
        display: none;
      }
      @container (max-width: 36rem) {
        .filters-toggle {
          display: inline-flex;
        }
        .filters:not(.open) {
          display: none;
        }
        .n-full {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0, 0, 0, 0);
          white-space: nowrap;
        }
        .n-short {
          display: inline-block;
        }
      }
      .radio {
        display: inline-flex;
        align-items: center;
        gap: calc(var(--plc-space, 0.5rem) / 2);
        min-height: var(--plc-target-size, 44px);
      }
      .radio label {
        margin: 0;
        font-weight: normal;
      }
      .count {
        margin: 0;
        font-weight: 600;
      }
      .viewport {
        position: relative;
        height: var(--plc-board-height, min(70vh, 40rem));
        overflow-y: auto;
        overflow-x: hidden;
        overscroll-behavior: contain;
        border: 1px solid var(--plc-color-border, #c9cfd8);
        border-radius: var(--plc-radius, 6px);
        background: var(--plc-color-bg, #ffffff);
      }
      .spacer {
        position: relative;
        width: 100%;
      }
      .row {
        position: absolute;
        inset-inline: 0;
        overflow: hidden;
        cursor: pointer;
        border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
        padding-inline-end: var(--plc-space, 0.5rem);
      }
      .row:focus-visible {
        outline: 3px solid var(--plc-color-focus, #b45309);
        outline-offset: -3px;
      }
      .viewport:focus-within .row[tabindex='0'] {
        background: var(--plc-color-accent-soft, #e6eefb);
      }
      .row:hover {
        background: var(--plc-color-accent-soft, #e6eefb);
      }
      .group {
        display: flex;
        align-items: center;
        gap: var(--plc-space, 0.5rem);
        background: var(--plc-color-surface, #f6f7f9);
        font-weight: 600;
      }
      .group.level-1 {
        font-size: 1.05em;
      }
      .group.level-3 {
        font-weight: 500;
      }
      .chevron {
        flex: none;
        display: inline-block;
        width: 1em;
        text-align: center;
      }
      .group .name,
      .enquiry .title,
      .enquiry .question,
      .enquiry .meta {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
      }
      .group .name {
        flex: 1 1 auto;
      }
      .group .n {
        flex: none;
        font-weight: normal;
        color: var(--plc-color-text-muted, #4f5967);
        font-size: 0.9em;
      }
      .enquiry {
        display: flex;
        flex-direction: column;
        justify-content: center;
        gap: 0.1em;
        padding-block: calc(var(--plc-space, 0.5rem) / 2);
      }
      .enquiry .line {
        display: flex;
        align-items: baseline;
        gap: calc(var(--plc-space, 0.5rem) / 2);
        min-width: 0;
        font-size: 0.875em;
      }
      .enquiry .title {
        font-weight: 700;
        color: var(--plc-color-accent, #1f5fbf);
        text-decoration: underline;
        text-underline-offset: 0.15em;
      }
      .enquiry .badge {
        flex: none;
        white-space: nowrap;
        font-size: 0.95em;
        padding-block: 0;
      }
      .enquiry .question {
        font-style: italic;
        font-size: 0.95em;
      }
      .enquiry .meta {
        flex: 1 1 auto;
        color: var(--plc-color-text-muted, #4f5967);
      }
      .badge.quiet {
        background: var(--plc-color-warning-soft, #fdf2dc);
      }
      .keys {
        margin-block-start: var(--plc-space, 0.5rem);
        font-size: 0.9em;
      }
      @media (prefers-reduced-motion: no-preference) {
        .viewport {
          scroll-behavior: auto;
        }
      }
      @media (forced-colors: active) {
        .viewport:focus-within .row[tabindex='0'] {
          outline: 2px solid CanvasText;
          outline-offset: -2px;
        }
      }
    `,
  ];

  /** The cycle whose enquiries are shown; the session's cycle (the provider's, else the active one) when unset. */
  @property({ attribute: 'cycle-id', reflect: true }) accessor cycleId: string | undefined;

  /** `grouped` by theme, community and stage (the default), or one flat `list`, newest change first. */
  @property({ reflect: true }) accessor view: 'grouped' | 'list' = 'grouped';

  /** Show only this theme's enquiries (a theme id); empty for every theme. */
  @property({ attribute: 'filter-theme', reflect: true }) accessor filterTheme = '';

  /** Show only this community's enquiries (a community id); empty for every community. */
  @property({ attribute: 'filter-community', reflect: true }) accessor filterCommunity = '';

  /** Show only enquiries at this stage (a stage id such as `observation`); empty for every stage. */
  @property({ attribute: 'filter-stage', reflect: true }) accessor filterStage = '';

  /** Show only enquiries in this school (a school id): where the community meets or an owner works. */
  @property({ attribute: 'filter-school', reflect: true }) accessor filterSchool = '';

  /** Show only enquiries this person owns or has contributed to (a person id). */
  @property({ attribute: 'filter-person', reflect: true }) accessor filterPerson = '';

  /** Words to search for in titles, driving questions and owners' names (all must appear). */
  @property({ reflect: true }) accessor query = '';

  /** The level of the board's heading (2 to 6). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() private accessor status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private accessor summaries: readonly EnquirySummary[] = [];
  @state() private accessor schools: readonly School[] = [];
  @state() private accessor loadError = '';
  @state() private accessor collapsed: ReadonlySet<string> = new Set();
  @state() private accessor activeKey: string | undefined;
  @state() private accessor listTop = 0;
  @state() private accessor viewportHeight = 640;
  @state() private accessor em = 16;
  @state() private accessor announcement = '';
  /** Whether the filters are unfolded on a narrow screen (on a wide one they always show). */
  @state() private accessor filtersOpen = false;

  /** Resolves when the current load has finished (tests and hosts can await it). */
  loaded: Promise<void> = Promise.resolve();

  private filtered: EnquirySummary[] = [];
  private rows: BoardRow[] = [];
  private offsets: Float64Array = new Float64Array(1);
  private indexByKey = new Map<string, number>();
  private haystacks = new Map<string, string>();
  private loadedFor: { store: unknown; cycleId: string | undefined; ready: boolean; person: boolean } | undefined;
  private unsubscribe: (() => void) | undefined;
  private generation = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadDone: (() => void) | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private observedViewport: Element | undefined;
  private pendingFocus = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.loadedFor = undefined;
    clearTimeout(this.reloadTimer);
    this.reloadDone?.();
    this.reloadDone = undefined;
    clearTimeout(this.announceTimer);
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedViewport = undefined;
  }

  /** Moves keyboard focus to the board's heading (for a host that has just navigated here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#board-heading')?.focus();
  }

  private get activeCycle(): Cycle | undefined {
    const session = this.session;
    if (!session) return undefined;
    return (this.cycleId ? session.directory.cycles.get(this.cycleId) : undefined) ?? session.cycle;
  }

  private get filters(): BoardFilters {
    return {
      themeId: this.filterTheme,
      communityId: this.filterCommunity,
      stage: this.filterStage,
      schoolId: this.filterSchool,
      personId: this.filterPerson,
      query: this.query,
    };
  }

  private get filtering(): boolean {
    const f = this.filters;
    return Boolean(f.themeId || f.communityId || f.stage || f.schoolId || f.personId || f.query.trim());
  }

  // ---- loading ------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const session = this.session;
    const key = { store: session?.store, cycleId: this.activeCycle?.id, ready: Boolean(session?.ready), person: Boolean(session?.person) };
    const previous = this.loadedFor;
    if (!previous || previous.store !== key.store || previous.cycleId !== key.cycleId || previous.ready !== key.ready || previous.person !== key.person) {
      if (previous?.store !== key.store) {
        this.unsubscribe?.();
        this.unsubscribe = session?.store.subscribe((change) => {
          if (change.kind === 'events' || change.kind === 'reset' || (change.kind === 'record' && change.collection === 'schools')) this.queueReload();
        });
      }
      this.loadedFor = key;
      void this.load();
    }
    const rebuild = ['summaries', 'session', 'view', 'collapsed', 'filterTheme', 'filterCommunity', 'filterStage', 'filterSchool', 'filterPerson', 'query', 'em'] as const;
    if (rebuild.some((name) => changed.has(name as keyof PlcCommunityBoard))) this.rebuildRows(changed);
  }

  /** Several changes in a row (a sync, an import) reload the board once, keeping what is shown meanwhile. */
  private queueReload(): void {
    clearTimeout(this.reloadTimer);
    if (!this.reloadDone) {
      let done!: () => void;
      const waited = new Promise<void>((resolve) => (done = resolve));
      this.reloadDone = done;
      this.loaded = Promise.all([this.loaded, waited]).then(() => undefined);
    }
    this.reloadTimer = setTimeout(() => {
      const done = this.reloadDone;
      this.reloadDone = undefined;
      void this.load(true).finally(done);
    }, 60);
  }

  private load(quiet = false): Promise<void> {
    const generation = ++this.generation;
    const session = this.session;
    const cycleId = this.activeCycle?.id;
    if (!session || !session.ready || !session.person || !cycleId) {
      this.summaries = [];
      this.status = session?.ready && !cycleId ? 'ready' : 'loading';
      return (this.loaded = Promise.resolve());
    }
    if (!quiet) this.status = 'loading';
    const work = (async () => {
      try {
        const [summaries, schools] = await Promise.all([session.store.listEnquiries({ cycleId }), session.store.list('schools')]);
        if (generation !== this.generation) return;
        this.haystacks = new Map();
        this.summaries = summaries;
        this.schools = schools.map((row) => row.record).sort((a, b) => a.name.localeCompare(b.name));
        this.status = 'ready';
        this.loadError = '';
      } catch (error) {
        if (generation !== this.generation) return;
        this.loadError = error instanceof Error ? error.message : String(error);
        this.status = 'error';
        this.dispatchEvent(new PlcErrorEvent(this.loadError, error));
      }
    })();
    if (!quiet) this.loaded = work;
    return work;
  }

  // ---- the rows -----------------------------------------------------------------------------

  private rebuildRows(changed: PropertyValues<this>): void {
    const session = this.session;
    if (changed.has('session' as keyof PlcCommunityBoard)) this.haystacks = new Map();
    const directory = session?.directory ?? { people: new Map(), communities: new Map(), themes: new Map() };
    const haystack = (summary: EnquirySummary) => {
      let text = this.haystacks.get(summary.enquiryId);
      if (text === undefined) this.haystacks.set(summary.enquiryId, (text = haystackOf(summary, directory)));
      return text;
    };
    const filtersChanged = (['filterTheme', 'filterCommunity', 'filterStage', 'filterSchool', 'filterPerson', 'query'] as const).some((name) =>
      changed.has(name as keyof PlcCommunityBoard),
    );
    this.filtered = filterSummaries(this.summaries, this.filters, directory, haystack);
    const collator = new Intl.Collator(currentLocale(), { sensitivity: 'base', numeric: true });
    this.rows = buildRows(this.filtered, {
      view: this.view,
      collapsed: this.collapsed,
      stages: session?.lifecycle.stages ?? [],
      directory,
      compare: collator.compare,
    });
    const groupHeight = Math.round(GROUP_ROW_EM * this.em);
    const enquiryHeight = Math.round(ENQUIRY_ROW_EM * this.em);
    this.offsets = rowOffsets(this.rows, (row) => (row.kind === 'group' ? groupHeight : enquiryHeight));
    this.indexByKey = new Map(this.rows.map((row, index) => [row.key, index]));
    if (this.activeKey === undefined || !this.indexByKey.has(this.activeKey)) this.activeKey = this.rows[0]?.key;
    if (filtersChanged || changed.has('view')) {
      // A new result starts at the top; the count is announced once the person stops typing.
      // (New data from the store keeps the place: a sync must not jump the list.)
      this.listTop = 0;
      const viewport = this.viewport;
      if (viewport) viewport.scrollTop = 0;
      if (this.status === 'ready' && filtersChanged) this.scheduleAnnouncement();
    }
  }

  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => (this.announcement = this.countText()), ANNOUNCE_AFTER_MS);
  }

  private countText(): string {
    const shown = formatNumber(this.filtered.length);
    const total = formatNumber(this.summaries.length);
    return this.filtering
      ? msg(str`${shown} of ${total} enquiries match`, { id: 'board.count.filtered' })
      : this.summaries.length === 1
        ? msg('1 enquiry', { id: 'board.group.one' })
        : msg(str`${total} enquiries`, { id: 'board.count.all' });
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const viewport = this.viewport;
    if (viewport && viewport !== this.observedViewport) {
      this.resizeObserver?.disconnect();
      this.resizeObserver = new ResizeObserver(() => this.measure());
      this.resizeObserver.observe(viewport);
      this.observedViewport = viewport;
      viewport.scrollTop = this.listTop;
      // Measured once now as well: a page in the background gets no resize notifications.
      void this.updateComplete.then(() => this.measure());
    }
    if (this.pendingFocus) {
      this.pendingFocus = false;
      this.activeRowElement()?.focus({ preventScroll: true });
    }
  }

  private measure(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const em = parseFloat(getComputedStyle(viewport).fontSize) || 16;
    if (em !== this.em) this.em = em;
    const height = viewport.clientHeight;
    if (height > 0 && height !== this.viewportHeight) this.viewportHeight = height;
  }

  private onScroll(event: Event): void {
    const viewport = event.currentTarget as HTMLElement;
    this.listTop = viewport.scrollTop;
    // Scrolled by wheel or scroll bar: Tab then lands on the first row in view, not far away.
    if (!viewport.matches(':focus-within')) {
      const first = this.rows[rowAt(this.offsets, Math.ceil(viewport.scrollTop))];
      if (first) this.activeKey = first.key;
    }
  }

  private activeRowElement(): HTMLElement | null {
    const index = this.activeKey === undefined ? undefined : this.indexByKey.get(this.activeKey);
    return index === undefined ? null : this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${index}"]`);
  }

  /** Makes row `index` the active one, scrolls it into view and moves focus to it. */
  private moveTo(index: number): void {
    const count = this.rows.length;
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    this.activeKey = this.rows[target]!.key;
    const top = this.offsets[target]!;
    const bottom = this.offsets[target + 1]!;
    let scrollTop = this.listTop;
    if (top < scrollTop) scrollTop = top;
    else if (bottom > scrollTop + this.viewportHeight) scrollTop = bottom - this.viewportHeight;
    if (scrollTop !== this.listTop) {
      this.listTop = scrollTop;
      const viewport = this.viewport;
      if (viewport) viewport.scrollTop = scrollTop;
    }
    this.pendingFocus = true;
  }

  private parentOf(index: number): number | undefined {
    const level = this.rows[index]?.level ?? 1;
    for (let i = index - 1; i >= 0; i -= 1) if (this.rows[i]!.level < level) return i;
    return undefined;
  }

  private toggle(row: GroupRow, expanded = !row.expanded): void {
    const next = new Set(this.collapsed);
    if (expanded) next.delete(row.key);
    else next.add(row.key);
    this.collapsed = next;
    this.activeKey = row.key;
    this.pendingFocus = true;
  }

  private open(row: EnquiryRow): void {
    this.dispatchEvent(new PlcEnquiryOpenEvent(row.summary.enquiryId, false));
  }

  private activate(row: BoardRow): void {
    if (row.kind === 'group') this.toggle(row);
    else this.open(row);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = this.activeKey === undefined ? 0 : (this.indexByKey.get(this.activeKey) ?? 0);
    const row = this.rows[index];
    if (!row) return;
    const page = Math.max(1, Math.floor(this.viewportHeight / Math.round(ENQUIRY_ROW_EM * this.em)) - 1);
    switch (event.key) {
      case 'ArrowDown':
        this.moveTo(index + 1);
        break;
      case 'ArrowUp':
        this.moveTo(index - 1);
        break;
      case 'Home':
        this.moveTo(0);
        break;
      case 'End':
        this.moveTo(this.rows.length - 1);
        break;
      case 'PageDown':
        this.moveTo(index + page);
        break;
      case 'PageUp':
        this.moveTo(index - page);
        break;
      case 'ArrowRight':
        if (row.kind !== 'group') return;
        if (row.expanded) this.moveTo(index + 1);
        else this.toggle(row, true);
        break;
      case 'ArrowLeft': {
        if (row.kind === 'group' && row.expanded) {
          this.toggle(row, false);
          break;
        }
        const parent = this.parentOf(index);
        if (parent === undefined) return;
        this.moveTo(parent);
        break;
      }
      case 'Enter':
      case ' ':
        this.activate(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private onRowClick(event: MouseEvent): void {
    const element = (event.target as Element).closest<HTMLElement>('.row');
    const row = element ? this.rows[Number(element.dataset['index'])] : undefined;
    if (!row) return;
    this.activeKey = row.key;
    this.activate(row);
  }

  private onFocusIn(event: FocusEvent): void {
    const element = (event.target as Element).closest<HTMLElement>('.row');
    const row = element ? this.rows[Number(element.dataset['index'])] : undefined;
    if (row && row.key !== this.activeKey) this.activeKey = row.key;
  }

  // ---- the filters --------------------------------------------------------------------------

  private setFilter(name: 'filterTheme' | 'filterCommunity' | 'filterStage' | 'filterSchool' | 'filterPerson', event: Event): void {
    this[name] = (event.target as HTMLSelectElement).value;
  }

  private clearFilters(): void {
    this.filterTheme = '';
    this.filterCommunity = '';
    this.filterStage = '';
    this.filterSchool = '';
    this.filterPerson = '';
    this.query = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#board-search')?.focus());
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render() {
    const session = this.session;
    const cycle = this.activeCycle;
    const head = html`<div class="header" part="header">
      ${heading(this.headingLevel, msg('Community board', { id: 'board.heading' }), { id: 'board-heading', focusable: true })}
      ${cycle ? html`<p class="muted">${msg(str`Cycle ${cycle.name}`, { id: 'board.cycle' })}</p>` : nothing}
    </div>`;
    if (!session) {
      return html`${head}<p class="notice warning" role="status">
          ${msg('Place this element inside <plc-provider> (or use <plc-app>) so it can reach your school’s data.', { id: 'board.no-provider' })}
        </p>`;
    }
    if (!session.ready) return html`${head}${this.renderLoading()}`;
    if (!session.person) {
      return html`${head}<div class="empty" role="status"><p>${msg('Choose who you are to see the community board.', { id: 'board.no-person' })}</p></div>`;
    }
    if (!cycle) {
      return html`${head}<div class="empty" part="empty"><p>${msg('No cycle has been set up yet.', { id: 'board.no-cycle' })}</p></div>`;
    }
    if (this.status === 'loading') return html`${head}${this.renderLoading()}`;
    if (this.status === 'error') {
      return html`${head}<div class="notice error" role="alert">
          <p>${msg('The enquiries could not be loaded.', { id: 'board.load-failed' })} <span class="muted">${this.loadError}</span></p>
          <button @click=${() => void this.load()}>${msg('Try again', { id: 'board.retry' })}</button>
        </div>`;
    }
    if (this.summaries.length === 0) {
      return html`${head}<div class="empty" part="empty"><p>${msg(str`No enquiries in ${cycle.name} yet.`, { id: 'board.empty' })}</p></div>`;
    }
    return html`${head}${this.renderFilters(cycle)}
      <div class="bar">
        <p class="count" part="summary">${this.countText()}</p>
        <fieldset>
          <legend class="visually-hidden">${msg('Show', { id: 'board.view' })}</legend>
          <span class="radio">
            <input type="radio" id="view-grouped" name="view" .checked=${this.view !== 'list'} @change=${() => (this.view = 'grouped')} />
            <label for="view-grouped">${msg('By theme, community and stage', { id: 'board.view.grouped' })}</label>
          </span>
          <span class="radio">
            <input type="radio" id="view-list" name="view" .checked=${this.view === 'list'} @change=${() => (this.view = 'list')} />
            <label for="view-list">${msg('One list, latest first', { id: 'board.view.list' })}</label>
          </span>
        </fieldset>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.rows.length === 0
        ? html`<div class="empty" part="empty">
            <p>${msg('No enquiries match these filters.', { id: 'board.no-results' })}</p>
            <button @click=${this.clearFilters}>${msg('Clear the filters', { id: 'board.clear' })}</button>
          </div>`
        : this.renderList()}`;
  }

  private renderLoading() {
    return html`<p class="muted" role="status">${msg('Loading the community board…', { id: 'board.loading' })}</p>`;
  }

  private renderFilters(cycle: Cycle) {
    const session = this.session!;
    const directory = session.directory;
    const byName = <T extends { id: string; name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));
    const themeIds = new Set(cycle.themeIds);
    const communityIds = new Set<string>();
    const personIds = new Set<string>();
    for (const s of this.summaries) {
      if (s.themeId) themeIds.add(s.themeId);
      if (s.communityId) communityIds.add(s.communityId);
      for (const id of s.ownerIds) personIds.add(id);
      for (const id of s.contributorIds) personIds.add(id);
    }
    for (const community of directory.communities.values()) if (community.cycleId === cycle.id) communityIds.add(community.id);
    const themes = byName([...themeIds].map((id) => ({ id, name: this.themeName(id) })));
    const communities = byName(
      [...communityIds]
        .map((id) => directory.communities.get(id) ?? { id, name: id, themeId: '' })
        .filter((c) => !this.filterTheme || c.themeId === this.filterTheme || c.id === this.filterCommunity)
        .map((c) => ({ id: c.id, name: c.name })),
    );
    const people = byName([...personIds].map((id) => ({ id, name: this.personName(id) })));
    const select = (
      id: string,
      label: string,
      anyText: string,
      value: string,
      options: Array<{ id: string; name: string }>,
      name: 'filterTheme' | 'filterCommunity' | 'filterStage' | 'filterSchool' | 'filterPerson',
    ) => html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(event: Event) => this.setFilter(name, event)}>
        <option value="" ?selected=${!value}>${anyText}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
      </select>
    </div>`;
    const stages = session.lifecycle.stages.map((id) => ({ id, name: stageLabel(id) }));
    const active = [this.filterTheme, this.filterCommunity, this.filterStage, this.filterSchool, this.filterPerson].filter(Boolean).length;
    return html`<form role="search" part="filters" aria-label=${msg('Find enquiries', { id: 'board.filters' })} @submit=${(e: Event) => e.preventDefault()}>
      <div class="field">
        <label for="board-search"
          >${msg('Search', { id: 'board.search' })}
          <span class="hint" id="board-search-hint">${msg('Words in the title, the driving question or an owner’s name', { id: 'board.search.hint' })}</span></label
        >
        <input
          id="board-search"
          type="search"
          autocomplete="off"
          .value=${this.query}
          @input=${(event: Event) => (this.query = (event.target as HTMLInputElement).value)}
        />
      </div>
      <button
        type="button"
        class="filters-toggle"
        aria-expanded=${this.filtersOpen ? 'true' : 'false'}
        aria-controls="board-filters"
        @click=${() => (this.filtersOpen = !this.filtersOpen)}
      >
        ${active > 0 ? msg(str`Filters (${formatNumber(active)} on)`, { id: 'board.filters.toggle-on' }) : msg('Filters', { id: 'board.filters.toggle' })}
      </button>
      <div class="filters ${this.filtersOpen ? 'open' : ''}" id="board-filters">
        ${select('board-theme', msg('Theme', { id: 'board.theme' }), msg('All themes', { id: 'board.theme.any' }), this.filterTheme, themes, 'filterTheme')}
        ${select('board-community', msg('Community', { id: 'board.community' }), msg('All communities', { id: 'board.community.any' }), this.filterCommunity, communities, 'filterCommunity')}
        ${select('board-stage', msg('Stage', { id: 'board.stage' }), msg('All stages', { id: 'board.stage.any' }), this.filterStage, stages, 'filterStage')}
        ${select('board-school', msg('School', { id: 'board.school' }), msg('All schools', { id: 'board.school.any' }), this.filterSchool, [...this.schools], 'filterSchool')}
        ${select('board-person', msg('Person', { id: 'board.person' }), msg('Anyone', { id: 'board.person.any' }), this.filterPerson, people, 'filterPerson')}
      </div>
      ${this.filtering ? html`<button type="button" @click=${this.clearFilters}>${msg('Clear the filters', { id: 'board.clear' })}</button>` : nothing}
    </form>`;
  }

  private renderList() {
    const grouped = this.view !== 'list';
    const overscan = Math.round(this.viewportHeight * OVERSCAN);
    const { start, end } = visibleRange(this.offsets, this.listTop, this.viewportHeight, overscan);
    const indices: number[] = [];
    for (let i = start; i < end; i += 1) indices.push(i);
    // The focused row stays in the DOM even when scrolled away, so focus is never lost.
    const active = this.activeKey === undefined ? undefined : this.indexByKey.get(this.activeKey);
    if (active !== undefined && (active < start || active >= end)) indices.push(active);
    const total = this.offsets[this.rows.length]!;
    return html`<div
        class="viewport"
        part="list"
        role=${grouped ? 'tree' : 'listbox'}
        aria-label=${msg('Enquiries', { id: 'board.list' })}
        aria-describedby="board-keys"
        @scroll=${this.onScroll}
        @keydown=${this.onKeydown}
        @click=${this.onRowClick}
        @focusin=${this.onFocusIn}
      >
        <div class="spacer" ${cssomStyle({ height: `${total}px` })}>
          ${repeat(
            indices,
            (index) => this.rows[index]!.key,
            (index) => this.renderRow(this.rows[index]!, index, active, grouped),
          )}
        </div>
      </div>
      <p class="keys muted" id="board-keys">
        ${grouped
          ? msg('Arrow keys move through the board, Right and Left open and close groups, Enter opens an enquiry.', { id: 'board.keys.tree' })
          : msg('Arrow keys move through the list, Enter opens an enquiry.', { id: 'board.keys.list' })}
      </p>`;
  }

  private renderRow(row: BoardRow, index: number, active: number | undefined, grouped: boolean) {
    const top = this.offsets[index]!;
    const height = this.offsets[index + 1]! - top;
    const tabindex = index === active ? '0' : '-1';
    const indent = `${(row.level - 1) * 0.75 + 0.5}em`;
    // Through the CSSOM, not a style attribute, which a CSP without 'unsafe-inline' blocks.
    const style = cssomStyle({ top: `${top}px`, height: `${height}px`, 'padding-inline-start': indent });
    if (row.kind === 'group') {
      return html`<div
        class="row group level-${row.level}"
        part="group"
        role="treeitem"
        data-index=${index}
        tabindex=${tabindex}
        aria-level=${row.level}
        aria-setsize=${row.setSize}
        aria-posinset=${row.posInSet}
        aria-expanded=${row.expanded ? 'true' : 'false'}
        aria-selected=${index === active ? 'true' : 'false'}
        aria-labelledby="r${index}-name r${index}-n"
        ${style}
      >
        <span class="chevron" aria-hidden="true">${row.expanded ? '▾' : '▸'}</span>
        <span class="name" id="r${index}-name">${this.groupName(row)}</span>
        <span class="n"
          ><span class="n-full" id="r${index}-n"
            >${row.count === 1
              ? msg('1 enquiry', { id: 'board.group.one' })
              : msg(str`${formatNumber(row.count)} enquiries`, { id: 'board.group.count' })}</span
          ><span class="n-short badge" aria-hidden="true">${formatNumber(row.count)}</span></span
        >
      </div>`;
    }
    const s = row.summary;
    const owners = s.ownerIds.map((id) => this.personName(id)).join(', ');
    const community = s.communityId ? (this.session?.directory.communities.get(s.communityId)?.name ?? s.communityId) : '';
    const meta = grouped ? owners : [s.themeId ? this.themeName(s.themeId) : '', community, owners].filter(Boolean).join(' · ');
    return html`<div
      class="row enquiry"
      part="item"
      role=${grouped ? 'treeitem' : 'option'}
      data-index=${index}
      tabindex=${tabindex}
      aria-level=${grouped ? row.level : nothing}
      aria-selected=${index === active ? 'true' : 'false'}
      aria-setsize=${row.setSize}
      aria-posinset=${row.posInSet}
      ${style}
    >
      <span class="title">${s.title || msg('Untitled enquiry', { id: 'board.untitled' })}</span>
      <span class="question">${s.questionText || msg('No driving question yet.', { id: 'board.no-question' })}</span>
      <span class="line">
        ${grouped ? nothing : html`<span class="badge">${stageLabel(s.stage)}</span>`}
        ${s.status !== 'active' ? html`<span class="badge quiet">${statusLabel(s.status)}</span>` : nothing}
        <span class="meta">${meta}</span>
      </span>
    </div>`;
  }

  private groupName(row: GroupRow): string {
    switch (row.groupKind) {
      case 'theme':
        return row.id ? this.themeName(row.id) : msg('No theme yet', { id: 'board.group.no-theme' });
      case 'community':
        return row.id
          ? (this.session?.directory.communities.get(row.id)?.name ?? row.id)
          : msg('Individual projects (no community)', { id: 'board.group.no-community' });
      default:
        return stageLabel(row.id);
    }
  }
}
