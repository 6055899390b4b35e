import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { Cycle, School } from '../../src/schema/directory.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { waitingForReview } from '../../src/policy/reviewQueue.js';
import { PlcElement } from '../base/plc-element.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { currentLocale, formatNumber } from '../localization.js';
import { placeInProviderText, stageLabel, tryAgainText } from '../strings.js';
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
import { boardFilters, boardRow, type FilterName, type FiltersContext, type RowContext } from './board-parts.js';
import { communityBoardStyles } from './plc-community-board.styles.js';

/** What the board loads: the cycle's enquiries and the schools (to filter by). */
interface BoardData {
  summaries: EnquirySummary[];
  schools: School[];
}

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
  static override styles = [sharedStyles, communityBoardStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    view: { reflect: true },
    filterTheme: { attribute: 'filter-theme', reflect: true },
    filterCommunity: { attribute: 'filter-community', reflect: true },
    filterStage: { attribute: 'filter-stage', reflect: true },
    filterSchool: { attribute: 'filter-school', reflect: true },
    filterPerson: { attribute: 'filter-person', reflect: true },
    filterReview: { attribute: 'filter-review', type: Boolean, reflect: true },
    query: { reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    collapsed: { state: true },
    activeKey: { state: true },
    listTop: { state: true },
    viewportHeight: { state: true },
    em: { state: true },
    announcement: { state: true },
    filtersOpen: { state: true },
  };

  constructor() {
    super();
    this.view = 'grouped';
    this.resetFilters();
    this.headingLevel = 2;
    this.collapsed = new Set();
    this.listTop = 0;
    this.viewportHeight = 640;
    this.em = 16;
    this.announcement = '';
    this.filtersOpen = false;
  }

  /** The cycle whose enquiries are shown; the session's cycle (the provider's, else the active one) when unset. */
  declare cycleId: string | undefined;

  /** `grouped` by theme, community and stage (the default), or one flat `list`, newest change first. */
  declare view: 'grouped' | 'list';

  /** Show only this theme's enquiries (a theme id); empty for every theme. */
  declare filterTheme: string;

  /** Show only this community's enquiries (a community id); empty for every community. */
  declare filterCommunity: string;

  /** Show only enquiries at this stage (a stage id such as `observation`); empty for every stage. */
  declare filterStage: string;

  /** Show only enquiries in this school (a school id): where the community meets or an owner works. */
  declare filterSchool: string;

  /** Show only enquiries this person owns or has contributed to (a person id). */
  declare filterPerson: string;

  /** Show only the driving questions waiting for the signed-in person's review (a lead's or CPD leader's queue). */
  declare filterReview: boolean;

  /** Words to search for in titles, driving questions and owners' names (all must appear). */
  declare query: string;

  /** The level of the board's heading (2 to 6). */
  declare headingLevel: number;

  private declare collapsed: ReadonlySet<string>;
  private declare activeKey: string | undefined;
  private declare listTop: number;
  private declare viewportHeight: number;
  private declare em: number;
  private declare announcement: string;
  /** Whether the filters are unfolded on a narrow screen (on a wide one they always show). */
  private declare filtersOpen: boolean;

  /** The cycle's enquiries and the schools, loaded again when events or schools change. */
  private readonly board = new StoreQueryController<BoardData>(this, () => this.session, {
    key: (session) => (session.person ? this.activeCycle?.id : undefined),
    load: async (session) => {
      const [summaries, schools] = await Promise.all([session.store.listEnquiries({ cycleId: this.activeCycle!.id }), session.store.list('schools')]);
      return { summaries, schools: schools.map((row) => row.record).sort((a, b) => a.name.localeCompare(b.name)) };
    },
    // Several changes in a row (a sync, an import) reload the board once, keeping what is shown meanwhile.
    affects: (change) => change.kind === 'events' || (change.kind === 'record' && change.collection === 'schools'),
    delay: 60,
  });
  /** The data the rows were last built from. */
  private rowsFrom: BoardData | undefined;

  private filtered: EnquirySummary[] = [];
  /** The enquiries waiting for the person's review, for the "Waiting for my review" filter. */
  private waiting: ReadonlySet<string> = new Set();

  /** Whether the person reviews driving questions: a lead of one of the cycle's communities, or a CPD leader. */
  private get isReviewer(): boolean {
    const session = this.session;
    const person = session?.person;
    if (!person) return false;
    const cycleId = this.activeCycle?.id;
    return person.roles.includes('cpd-leader') || [...session.directory.communities.values()].some((c) => c.leadId === person.id && c.cycleId === cycleId);
  }
  private rows: BoardRow[] = [];
  private offsets: Float64Array = new Float64Array(1);
  private indexByKey = new Map<string, number>();
  private haystacks = new Map<string, string>();
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
      review: this.filterReview,
    };
  }

  private get filtering(): boolean {
    const f = this.filters;
    return Boolean(f.themeId || f.communityId || f.stage || f.schoolId || f.personId || f.review || f.query.trim());
  }

  // ---- loading ------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const rebuild = ['session', 'view', 'collapsed', 'filterTheme', 'filterCommunity', 'filterStage', 'filterSchool', 'filterPerson', 'filterReview', 'query', 'em'] as const;
    if (this.board.value !== this.rowsFrom || rebuild.some((name) => changed.has(name as keyof PlcCommunityBoard))) this.rebuildRows(changed);
  }

  private get summaries(): readonly EnquirySummary[] {
    return this.board.value?.summaries ?? [];
  }

  // ---- the rows -----------------------------------------------------------------------------

  private rebuildRows(changed: PropertyValues<this>): void {
    const session = this.session;
    if (changed.has('session' as keyof PlcCommunityBoard) || this.board.value !== this.rowsFrom) this.haystacks = new Map();
    this.rowsFrom = this.board.value;
    const directory = session?.directory ?? { people: new Map(), communities: new Map(), themes: new Map() };
    const haystack = (summary: EnquirySummary) => {
      let text = this.haystacks.get(summary.enquiryId);
      if (text === undefined) this.haystacks.set(summary.enquiryId, (text = haystackOf(summary, directory)));
      return text;
    };
    const filtersChanged = (['filterTheme', 'filterCommunity', 'filterStage', 'filterSchool', 'filterPerson', 'filterReview', 'query'] as const).some((name) =>
      changed.has(name as keyof PlcCommunityBoard),
    );
    this.waiting = session?.person ? new Set(waitingForReview(session.person, this.summaries, session.directory.communities).map((s) => s.enquiryId)) : new Set();
    this.filtered = filterSummaries(this.summaries, this.filters, directory, haystack, this.waiting);
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
      if (this.board.status === 'ready' && filtersChanged) this.scheduleAnnouncement();
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

  private setFilter(name: FilterName, value: string): void {
    this[name] = value;
  }

  private clearFilters(): void {
    this.resetFilters();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#board-search')?.focus());
  }

  private resetFilters(): void {
    this.filterTheme = '';
    this.filterCommunity = '';
    this.filterStage = '';
    this.filterSchool = '';
    this.filterPerson = '';
    this.filterReview = false;
    this.query = '';
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
      return html`${head}${this.noSessionNotice(placeInProviderText)}`;
    }
    if (!session.ready) return html`${head}${this.renderLoading()}`;
    if (!session.person) {
      return html`${head}<div class="empty" role="status"><p>${msg('Choose who you are to see the community board.', { id: 'board.no-person' })}</p></div>`;
    }
    if (!cycle) {
      return html`${head}<div class="empty" part="empty"><p>${msg('No cycle has been set up yet.', { id: 'board.no-cycle' })}</p></div>`;
    }
    const status = this.board.status;
    if (status === 'idle' || status === 'loading') return html`${head}${this.renderLoading()}`;
    if (status === 'error') {
      return html`${head}<div class="notice error" role="alert">
          <p>${msg('The enquiries could not be loaded.', { id: 'board.load-failed' })} <span class="muted">${this.board.error}</span></p>
          <button @click=${() => void this.board.reload()}>${tryAgainText()}</button>
        </div>`;
    }
    if (this.summaries.length === 0) {
      return html`${head}<div class="empty" part="empty"><p>${msg(str`No enquiries in ${cycle.name} yet.`, { id: 'board.empty' })}</p></div>`;
    }
    return html`${head}${boardFilters(this.filtersContext(), cycle)}
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

  private filtersContext(): FiltersContext {
    return {
      session: this.session!,
      summaries: this.summaries,
      schools: this.board.value?.schools ?? [],
      filters: this.filters,
      filtering: this.filtering,
      filtersOpen: this.filtersOpen,
      reviewer: this.isReviewer,
      waiting: this.waiting.size,
      setReview: (on) => (this.filterReview = on),
      themeName: (id) => this.themeName(id),
      personName: (id) => this.personName(id),
      setFilter: (name, value) => this.setFilter(name, value),
      setQuery: (text) => (this.query = text),
      toggleFilters: () => (this.filtersOpen = !this.filtersOpen),
      clearFilters: () => this.clearFilters(),
    };
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
    const rowContext: RowContext = {
      offsets: this.offsets,
      themeName: (id) => this.themeName(id),
      personName: (id) => this.personName(id),
      communityName: (id) => this.session?.directory.communities.get(id)?.name ?? id,
      stageName: (stage) => stageLabel(stage, this.session?.views),
    };
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
            (index) => boardRow(rowContext, this.rows[index]!, index, active, grouped),
          )}
        </div>
      </div>
      <p class="keys muted" id="board-keys">
        ${grouped
          ? msg('Arrow keys move through the board, Right and Left open and close groups, Enter opens an enquiry.', { id: 'board.keys.tree' })
          : msg('Arrow keys move through the list, Enter opens an enquiry.', { id: 'board.keys.list' })}
      </p>`;
  }

}
