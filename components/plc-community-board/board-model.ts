/**
 * The community board's model, free of the DOM: which enquiry summaries pass the filters, how
 * they group by theme, community and stage, the flat list of rows the board windows over, and
 * where each row starts. Pure functions, so the element stays thin and the grouping is easy to
 * test on its own.
 * @internal
 */
import type { Community, Person } from '../../src/schema/directory.js';
import type { EnquirySummary } from '../../src/store/store.js';

/** What the board is filtered by; an empty string means "any". */
export interface BoardFilters {
  themeId: string;
  communityId: string;
  stage: string;
  schoolId: string;
  personId: string;
  query: string;
  /** Only the driving questions waiting for the signed-in person's review. */
  review: boolean;
}

/** No filter at all. */
export const NO_FILTERS: BoardFilters = { themeId: '', communityId: '', stage: '', schoolId: '', personId: '', query: '', review: false };

/** The directory lookups the filters and the grouping read. */
export interface BoardDirectory {
  people: ReadonlyMap<string, Pick<Person, 'name' | 'schoolId'>>;
  communities: ReadonlyMap<string, Pick<Community, 'name' | 'schoolIds'>>;
  themes: ReadonlyMap<string, { name: string }>;
}

/** A group heading row: a theme, a community within it, or a stage within that. */
export interface GroupRow {
  kind: 'group';
  /** Unique among the rows: the path of ids, e.g. `t:th-afl/c:com-feedback/s:question`. */
  key: string;
  /** 1 theme, 2 community, 3 stage. */
  level: 1 | 2 | 3;
  /** `theme`, `community` or `stage`: what `id` names. */
  groupKind: 'theme' | 'community' | 'stage';
  /** The theme, community or stage id; '' for "no theme" / "no community". */
  id: string;
  /** How many enquiries (passing the filters) the group holds. */
  count: number;
  expanded: boolean;
  /** Position among its siblings (1-based) and how many siblings there are, for assistive technology. */
  posInSet: number;
  setSize: number;
}

/** One enquiry's row. */
export interface EnquiryRow {
  kind: 'enquiry';
  key: string;
  /** 4 under theme, community and stage; 1 in the flat list. */
  level: 1 | 4;
  summary: EnquirySummary;
  posInSet: number;
  setSize: number;
}

export type BoardRow = GroupRow | EnquiryRow;

/** Folds case and accents, so "jose" finds "José" and "OKAFOR" finds "Okafor". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, folded; empty when there is nothing to search for. */
export function searchTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** The text a search looks in: title, driving question and owners' names. */
export function haystackOf(summary: EnquirySummary, directory: Pick<BoardDirectory, 'people'>): string {
  const owners = summary.ownerIds.map((id) => directory.people.get(id)?.name ?? id).join(' ');
  return fold(`${summary.title}\n${summary.questionText}\n${owners}`);
}

/**
 * The summaries that pass every filter, in the order given. `haystack` gives the folded search
 * text of a summary (the caller caches it); it is only asked for when there is a search.
 * `waiting` holds the enquiries waiting for the person's review (see `waitingForReview`), read
 * when the `review` filter is on.
 */
export function filterSummaries(
  summaries: readonly EnquirySummary[],
  filters: BoardFilters,
  directory: BoardDirectory,
  haystack: (summary: EnquirySummary) => string,
  waiting: ReadonlySet<string> = new Set(),
): EnquirySummary[] {
  const terms = searchTerms(filters.query);
  const { themeId, communityId, stage, schoolId, personId } = filters;
  let inSchool: ((s: EnquirySummary) => boolean) | undefined;
  if (schoolId) {
    const communities = new Set<string>();
    for (const [id, community] of directory.communities) if (community.schoolIds.includes(schoolId)) communities.add(id);
    // An enquiry is in a school when its community meets there or one of its owners works there.
    inSchool = (s) =>
      (s.communityId !== undefined && communities.has(s.communityId)) || s.ownerIds.some((id) => directory.people.get(id)?.schoolId === schoolId);
  }
  const out: EnquirySummary[] = [];
  for (const s of summaries) {
    if (themeId && (s.themeId ?? '') !== themeId) continue;
    if (communityId && (s.communityId ?? '') !== communityId) continue;
    if (stage && s.stage !== stage) continue;
    if (filters.review && !waiting.has(s.enquiryId)) continue;
    if (personId && !s.ownerIds.includes(personId) && !s.contributorIds.includes(personId)) continue;
    if (inSchool && !inSchool(s)) continue;
    if (terms.length > 0) {
      const text = haystack(s);
      if (!terms.every((term) => text.includes(term))) continue;
    }
    out.push(s);
  }
  return out;
}

/** Options for {@link buildRows}. */
export interface BuildOptions {
  view: 'grouped' | 'list';
  /** Keys of collapsed groups. */
  collapsed: ReadonlySet<string>;
  /** The lifecycle's stages, in order; stages not listed sort after them. */
  stages: readonly string[];
  directory: BoardDirectory;
  /** Compares names (an `Intl.Collator` in the page's language). */
  compare: (a: string, b: string) => number;
}

const themeKey = (id: string) => `t:${id}`;

/**
 * The rows the board shows: in the flat list, one per enquiry in the order given (newest change
 * first); grouped, a heading per theme, community and stage (with counts) followed by its
 * enquiries sorted by title. Groups without a theme or a community come last.
 */
export function buildRows(summaries: readonly EnquirySummary[], options: BuildOptions): BoardRow[] {
  if (options.view === 'list') {
    const setSize = summaries.length;
    return summaries.map((summary, index) => ({ kind: 'enquiry', key: summary.enquiryId, level: 1, summary, posInSet: index + 1, setSize }));
  }
  const { directory, compare, collapsed } = options;
  const tree = new Map<string, Map<string, Map<string, EnquirySummary[]>>>();
  for (const s of summaries) {
    const theme = s.themeId ?? '';
    const community = s.communityId ?? '';
    let byCommunity = tree.get(theme);
    if (!byCommunity) tree.set(theme, (byCommunity = new Map()));
    let byStage = byCommunity.get(community);
    if (!byStage) byCommunity.set(community, (byStage = new Map()));
    const list = byStage.get(s.stage);
    if (list) list.push(s);
    else byStage.set(s.stage, [s]);
  }
  const named = (ids: Iterable<string>, name: (id: string) => string) =>
    [...ids].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : compare(name(a), name(b)) || compare(a, b)));
  const stageOrder = (stage: string) => {
    const index = options.stages.indexOf(stage);
    return index < 0 ? options.stages.length : index;
  };
  const byTitle = (a: EnquirySummary, b: EnquirySummary) => compare(a.title, b.title) || (a.enquiryId < b.enquiryId ? -1 : 1);

  const rows: BoardRow[] = [];
  const themes = named(tree.keys(), (id) => directory.themes.get(id)?.name ?? id);
  themes.forEach((theme, themeIndex) => {
    const byCommunity = tree.get(theme)!;
    const tKey = themeKey(theme);
    const tExpanded = !collapsed.has(tKey);
    let themeCount = 0;
    for (const byStage of byCommunity.values()) for (const list of byStage.values()) themeCount += list.length;
    rows.push({ kind: 'group', key: tKey, level: 1, groupKind: 'theme', id: theme, count: themeCount, expanded: tExpanded, posInSet: themeIndex + 1, setSize: themes.length });
    if (!tExpanded) return;
    const communities = named(byCommunity.keys(), (id) => directory.communities.get(id)?.name ?? id);
    communities.forEach((community, communityIndex) => {
      const byStage = byCommunity.get(community)!;
      const cKey = `${tKey}/c:${community}`;
      const cExpanded = !collapsed.has(cKey);
      let communityCount = 0;
      for (const list of byStage.values()) communityCount += list.length;
      rows.push({ kind: 'group', key: cKey, level: 2, groupKind: 'community', id: community, count: communityCount, expanded: cExpanded, posInSet: communityIndex + 1, setSize: communities.length });
      if (!cExpanded) return;
      const stages = [...byStage.keys()].sort((a, b) => stageOrder(a) - stageOrder(b) || compare(a, b));
      stages.forEach((stage, stageIndex) => {
        const list = byStage.get(stage)!;
        const sKey = `${cKey}/s:${stage}`;
        const sExpanded = !collapsed.has(sKey);
        rows.push({ kind: 'group', key: sKey, level: 3, groupKind: 'stage', id: stage, count: list.length, expanded: sExpanded, posInSet: stageIndex + 1, setSize: stages.length });
        if (!sExpanded) return;
        list.sort(byTitle);
        const setSize = list.length;
        list.forEach((summary, index) => rows.push({ kind: 'enquiry', key: summary.enquiryId, level: 4, summary, posInSet: index + 1, setSize }));
      });
    });
  });
  return rows;
}

/** Where each row starts (`offsets[i]`) and the total height (`offsets[rows.length]`), in pixels. */
export function rowOffsets(rows: readonly BoardRow[], height: (row: BoardRow) => number): Float64Array {
  const offsets = new Float64Array(rows.length + 1);
  for (let i = 0; i < rows.length; i += 1) offsets[i + 1] = offsets[i]! + height(rows[i]!);
  return offsets;
}

/** The index of the row that covers pixel `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The rows to render for a viewport at `scrollTop` of `viewportHeight`, with `overscan` pixels above and below. */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewportHeight: number, overscan: number): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - overscan));
  const end = Math.min(count, rowAt(offsets, scrollTop + viewportHeight + overscan) + 1);
  return { start, end };
}
