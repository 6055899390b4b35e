/**
 * The parts of `<plc-community-board>`: the search and filters form, and one row of the board
 * (a group heading or an enquiry), drawn from what the element gives them.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Cycle, School } from '../../src/schema/directory.js';
import type { EnquirySummary } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';
import { formatNumber } from '../localization.js';
import { stageLabel, statusLabel } from '../strings.js';
import { cssomStyle } from '../shared/cssom-style.js';
import type { BoardFilters, BoardRow, GroupRow } from './board-model.js';

/** The attribute-backed filters, by the element's property names. */
export type FilterName = 'filterTheme' | 'filterCommunity' | 'filterStage' | 'filterSchool' | 'filterPerson';

/** What the filters form reads and does. */
export interface FiltersContext {
  session: PlcSession;
  summaries: readonly EnquirySummary[];
  schools: readonly School[];
  filters: BoardFilters;
  filtering: boolean;
  /** Whether the filters are unfolded on a narrow screen. */
  filtersOpen: boolean;
  /** Whether the person reviews driving questions (then the "Waiting for my review" filter shows). */
  reviewer: boolean;
  /** How many questions wait for their review. */
  waiting: number;
  setReview(on: boolean): void;
  themeName(id: string): string;
  personName(id: string): string;
  setFilter(name: FilterName, value: string): void;
  setQuery(text: string): void;
  toggleFilters(): void;
  clearFilters(): void;
}

/** What a row reads. */
export interface RowContext {
  /** Each row's top, in pixels; one more entry than rows (the end). */
  offsets: Float64Array;
  themeName(id: string): string;
  personName(id: string): string;
  communityName(id: string): string;
  stageName(stage: string): string;
}

export function boardFilters(ctx: FiltersContext, cycle: Cycle): TemplateResult {
  const session = ctx.session;
  const directory = session.directory;
  const byName = <T extends { id: string; name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));
  const themeIds = new Set(cycle.themeIds);
  const communityIds = new Set<string>();
  const personIds = new Set<string>();
  for (const s of ctx.summaries) {
    if (s.themeId) themeIds.add(s.themeId);
    if (s.communityId) communityIds.add(s.communityId);
    for (const id of s.ownerIds) personIds.add(id);
    for (const id of s.contributorIds) personIds.add(id);
  }
  for (const community of directory.communities.values()) if (community.cycleId === cycle.id) communityIds.add(community.id);
  const themes = byName([...themeIds].map((id) => ({ id, name: ctx.themeName(id) })));
  const communities = byName(
    [...communityIds]
      .map((id) => directory.communities.get(id) ?? { id, name: id, themeId: '' })
      .filter((c) => !ctx.filters.themeId || c.themeId === ctx.filters.themeId || c.id === ctx.filters.communityId)
      .map((c) => ({ id: c.id, name: c.name })),
  );
  const people = byName([...personIds].map((id) => ({ id, name: ctx.personName(id) })));
  const select = (
    id: string,
    label: string,
    anyText: string,
    value: string,
    options: Array<{ id: string; name: string }>,
    name: FilterName,
  ) => html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(event: Event) => ctx.setFilter(name, (event.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!value}>${anyText}</option>
      ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
    </select>
  </div>`;
  const stages = session.lifecycle.stages.map((id) => ({ id, name: stageLabel(id, session.views) }));
  const f = ctx.filters;
  const active = [f.themeId, f.communityId, f.stage, f.schoolId, f.personId, f.review].filter(Boolean).length;
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
        .value=${f.query}
        @input=${(event: Event) => ctx.setQuery((event.target as HTMLInputElement).value)}
      />
    </div>
    <button
      type="button"
      class="filters-toggle"
      aria-expanded=${ctx.filtersOpen ? 'true' : 'false'}
      aria-controls="board-filters"
      @click=${ctx.toggleFilters}
    >
      ${active > 0 ? msg(str`Filters (${formatNumber(active)} on)`, { id: 'board.filters.toggle-on' }) : msg('Filters', { id: 'board.filters.toggle' })}
    </button>
    <div class="filters ${ctx.filtersOpen ? 'open' : ''}" id="board-filters">
      ${select('board-theme', msg('Theme', { id: 'board.theme' }), msg('All themes', { id: 'board.theme.any' }), f.themeId, themes, 'filterTheme')}
      ${select('board-community', msg('Community', { id: 'board.community' }), msg('All communities', { id: 'board.community.any' }), f.communityId, communities, 'filterCommunity')}
      ${select('board-stage', msg('Stage', { id: 'board.stage' }), msg('All stages', { id: 'board.stage.any' }), f.stage, stages, 'filterStage')}
      ${select('board-school', msg('School', { id: 'board.school' }), msg('All schools', { id: 'board.school.any' }), f.schoolId, [...ctx.schools], 'filterSchool')}
      ${select('board-person', msg('Person', { id: 'board.person' }), msg('Anyone', { id: 'board.person.any' }), f.personId, people, 'filterPerson')}
      ${ctx.reviewer
        ? html`<div class="field check">
            <input id="board-review" type="checkbox" .checked=${f.review} @change=${(event: Event) => ctx.setReview((event.target as HTMLInputElement).checked)} />
            <label for="board-review">${msg(str`Waiting for my review (${formatNumber(ctx.waiting)})`, { id: 'board.review' })}</label>
          </div>`
        : nothing}
    </div>
    ${ctx.filtering ? html`<button type="button" @click=${ctx.clearFilters}>${msg('Clear the filters', { id: 'board.clear' })}</button>` : nothing}
  </form>`;
}

export function boardRow(ctx: RowContext, row: BoardRow, index: number, active: number | undefined, grouped: boolean): TemplateResult {
  const top = ctx.offsets[index]!;
  const height = ctx.offsets[index + 1]! - top;
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
      <span class="name" id="r${index}-name">${groupName(ctx, row)}</span>
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
  const owners = s.ownerIds.map((id) => ctx.personName(id)).join(', ');
  const community = s.communityId ? ctx.communityName(s.communityId) : '';
  const meta = grouped ? owners : [s.themeId ? ctx.themeName(s.themeId) : '', community, owners].filter(Boolean).join(' · ');
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
      ${grouped ? nothing : html`<span class="badge">${ctx.stageName(s.stage)}</span>`}
      ${s.status !== 'active' ? html`<span class="badge quiet">${statusLabel(s.status)}</span>` : nothing}
      <span class="meta">${meta}</span>
    </span>
  </div>`;
}

function groupName(ctx: RowContext, row: GroupRow): string {
  switch (row.groupKind) {
    case 'theme':
      return row.id ? ctx.themeName(row.id) : msg('No theme yet', { id: 'board.group.no-theme' });
    case 'community':
      return row.id
        ? ctx.communityName(row.id)
        : msg('Individual projects (no community)', { id: 'board.group.no-community' });
    default:
      return ctx.stageName(row.id);
  }
}
