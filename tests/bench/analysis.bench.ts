/**
 * Benchmark (not a test): impact analysis over 100,000 appraisal records and 10,000 PLC
 * memberships, as a ratio to a hand-written single-pass loop over the same data in the same run,
 * and how it grows from 10,000 to 100,000 records (it must stay linear: about 10x).
 *
 * Run: `node --import tsx tests/bench/analysis.bench.ts` (or `npm run bench`). Prints:
 *   bench impact-100k: <ms> ms
 *   bench impact-100k: <ratio>x vs hand-written loop
 *   bench impact-growth: <ratio>x (100k/10k records)
 *   bench impact-growth-loop: <ratio>x (the hand-written loop's growth, for comparison)
 *   bench leaders-figures-5-schools-100k: <ms> ms, and <ratio>x vs the trust's impact alone
 *
 * Data: N staff, each with a record for each of 10 aspects in this cycle (10N records), and PLCs in
 * the previous cycle of 10 people each (a lead and nine members) covering N people (N memberships),
 * over 5 themes of 2 aspects each. N = 10,000 gives 100,000 records and 10,000 memberships; the
 * growth run compares N = 1,000 with N = 10,000, so records and memberships both grow tenfold.
 * Each figure is the median of several timed blocks after a warm-up; a block repeats the call
 * enough times to last about 40 ms, and the two contenders alternate so drift hits both alike.
 */
import { analyseAllAspects, type ImpactAppraisal, type ImpactCommunity, type ImpactTheme } from '../../src/analysis/index.js';

const CYCLE = '2025-26';
const PREVIOUS = '2024-25';
const ASPECTS = 10;
const THEMES = 5;
const PLC_SIZE = 10;

interface Data {
  appraisals: ImpactAppraisal[];
  communities: ImpactCommunity[];
  themes: ImpactTheme[];
}

/** A small deterministic generator (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeData(staff: number): Data {
  const rand = random(staff);
  const themes: ImpactTheme[] = Array.from({ length: THEMES }, (_, t) => ({
    id: `theme-${t}`,
    name: `Theme ${t}`,
    aspects: [0, 1].map((k) => ({ id: `aspect-${t * 2 + k}`, name: `Aspect ${t * 2 + k}` })),
  }));
  const personIds = Array.from({ length: staff }, (_, i) => `person-${String(i).padStart(6, '0')}`);
  // Shuffle, then cut into PLCs of 10, each on a random theme.
  const shuffled = [...personIds];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const communities: ImpactCommunity[] = [];
  for (let i = 0; i < shuffled.length; i += PLC_SIZE) {
    const group = shuffled.slice(i, i + PLC_SIZE);
    communities.push({ cycleId: PREVIOUS, themeId: `theme-${Math.floor(rand() * THEMES)}`, leadId: group[0]!, memberIds: group.slice(1) });
  }
  const appraisals: ImpactAppraisal[] = [];
  let n = 0;
  for (const personId of personIds) {
    for (let a = 0; a < ASPECTS; a += 1) {
      n += 1;
      appraisals.push({ id: `rec-${String(n).padStart(8, '0')}`, personId, cycleId: CYCLE, aspectId: `aspect-${a}`, strength: rand() < 0.45 });
    }
  }
  return { appraisals, communities, themes };
}

/**
 * The baseline: what someone would write by hand for this data set. Member sets per aspect from
 * the previous cycle's PLCs, then one loop over the records counting members and everyone per
 * aspect. No duplicate handling, no intervals, no summaries.
 */
function handWritten(data: Data): Map<string, { memberCount: number; memberStrengths: number; allCount: number; allStrengths: number }> {
  const aspectsByTheme = new Map<string, string[]>();
  for (const theme of data.themes) aspectsByTheme.set(theme.id, theme.aspects.map((a) => a.id));
  const members = new Map<string, Set<string>>();
  for (const community of data.communities) {
    if (community.cycleId !== PREVIOUS) continue;
    for (const aspectId of aspectsByTheme.get(community.themeId) ?? []) {
      let set = members.get(aspectId);
      if (!set) members.set(aspectId, (set = new Set()));
      set.add(community.leadId);
      for (const id of community.memberIds) set.add(id);
    }
  }
  const counts = new Map<string, { memberCount: number; memberStrengths: number; allCount: number; allStrengths: number }>();
  for (const aspectId of members.keys()) counts.set(aspectId, { memberCount: 0, memberStrengths: 0, allCount: 0, allStrengths: 0 });
  for (const record of data.appraisals) {
    if (record.cycleId !== CYCLE) continue;
    const count = counts.get(record.aspectId);
    if (!count) continue;
    count.allCount += 1;
    if (record.strength) count.allStrengths += 1;
    if (members.get(record.aspectId)!.has(record.personId)) {
      count.memberCount += 1;
      if (record.strength) count.memberStrengths += 1;
    }
  }
  return counts;
}

const analyse = (data: Data) => analyseAllAspects({ cycleId: CYCLE, previousCycleId: PREVIOUS, ...data });

let sink = 0;

/** Milliseconds per call: median over `blocks` timed blocks of `reps` calls each. */
function timeBlock(fn: () => unknown, reps: number): number {
  const start = performance.now();
  for (let i = 0; i < reps; i += 1) {
    const result = fn();
    sink += (result as { size?: number; length?: number }).size ?? (result as unknown[]).length;
  }
  return (performance.now() - start) / reps;
}

function repsFor(fn: () => unknown, targetMs = 40): number {
  const once = timeBlock(fn, 1);
  return Math.max(1, Math.round(targetMs / Math.max(once, 0.01)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times several contenders, alternating them block by block; returns the median ms per call of each. */
function compare(contenders: Array<() => unknown>, blocks = 15): number[] {
  for (const fn of contenders) for (let i = 0; i < 5; i += 1) fn(); // warm-up
  const reps = contenders.map((fn) => repsFor(fn));
  const samples = contenders.map(() => [] as number[]);
  for (let b = 0; b < blocks; b += 1) {
    contenders.forEach((fn, i) => samples[i]!.push(timeBlock(fn, reps[i]!)));
  }
  return samples.map(median);
}

function check(data: Data): void {
  const ours = analyse(data);
  const theirs = handWritten(data);
  for (const result of ours) {
    const expected = theirs.get(result.aspectId)!;
    const got = { memberCount: result.members.count, memberStrengths: result.members.strengths, allCount: result.all.count, allStrengths: result.all.strengths };
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`results differ for ${result.aspectId}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
  }
  if (ours.length !== theirs.size) throw new Error('results differ in the aspects covered');
}

const large = makeData(10_000);
const small = makeData(1_000);
const memberships = (data: Data) => data.communities.reduce((sum, c) => sum + 1 + c.memberIds.length, 0);
console.log(`data: ${large.appraisals.length} records, ${memberships(large)} memberships (growth run: ${small.appraisals.length} records, ${memberships(small)} memberships)`);
check(large);
check(small);

const [ours100k, loop100k] = compare([() => analyse(large), () => handWritten(large)]) as [number, number];
console.log(`bench impact-100k: ${ours100k.toFixed(2)} ms`);
console.log(`bench impact-100k: ${(ours100k / loop100k).toFixed(2)}x vs hand-written loop (${loop100k.toFixed(2)} ms)`);

const [ours10k, ours100kAgain, loop10k, loop100kAgain] = compare([() => analyse(small), () => analyse(large), () => handWritten(small), () => handWritten(large)]) as [number, number, number, number];
console.log(`bench impact-growth: ${(ours100kAgain / ours10k).toFixed(2)}x (100k/10k records; ${ours10k.toFixed(2)} ms -> ${ours100kAgain.toFixed(2)} ms)`);
// For reading the growth: the hand-written loop on the same data in the same run. Both go past
// 10x by about as much when the 100k data set no longer fits in the CPU caches.
console.log(`bench impact-growth-loop: ${(loop100kAgain / loop10k).toFixed(2)}x (hand-written loop, 100k/10k records; ${loop10k.toFixed(2)} ms -> ${loop100kAgain.toFixed(2)} ms)`);


if (sink === -1) console.log(sink); // keep the results alive

// Leaders' figures (issue 17): the trust and five schools, suppressed across the table, against
// the trust's impact alone. Each school is one more pass over the records, so about 6x is expected.
{
  const { leadersFigures } = await import('../../src/analysis/leaders.js');
  const people = [...new Set(large.appraisals.map((a) => a.personId))].map((id, i) => ({ id, schoolId: `school-${i % 5}` }));
  const cycles = [
    { id: PREVIOUS, startsOn: '2024-09-01', endsOn: '2025-07-20' },
    { id: CYCLE, startsOn: '2025-09-01', endsOn: '2026-07-20' },
  ];
  const communities = large.communities.map((c, i) => ({ ...c, schemaVersion: 1, id: `c-${i}`, name: `PLC ${i}`, coachIds: [], schoolIds: ['school-0'], meetingSlots: [] }));
  const themes = large.themes.map((t) => ({ ...t, schemaVersion: 1 }));
  const figures = () =>
    leadersFigures(
      { cycle: cycles[1]!, cycles, people, communities, themes, appraisals: large.appraisals, walks: [], summaries: [], stageVisits: new Map(), surveys: [], stages: ['theme', 'question'], now: new Date('2026-03-01') },
      { kind: 'trust' },
    );
  const [leaders, trustOnly] = compare([figures, () => analyseAllAspects({ cycleId: CYCLE, previousCycleId: PREVIOUS, ...large, people })]) as [number, number];
  console.log(`bench leaders-figures-5-schools-100k: ${leaders.toFixed(2)} ms`);
  console.log(`bench leaders-figures-5-schools-100k: ${(leaders / trustOnly).toFixed(2)}x vs the trust's impact alone (${trustOnly.toFixed(2)} ms)`);
}
