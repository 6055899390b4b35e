/**
 * Path coverage of the default lifecycle with xstate/graph: the machine is traversed with an
 * event generator that writes valid domain events for the state it is in; every state node is
 * reached, and every path, written out as a log and replayed, ends where the traversal says.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getShortestPaths, getSimplePaths, getStateNodes } from 'xstate/graph';
import { createLifecycle, type DomainEvent, type EnquiryData, type EnquiryState, type LifecycleInput, type MachineEvent } from '../../../src/index.js';
import { createFixture, details, evidence, inputFor, observation, outcome, PEOPLE, question, reflection } from '../../support/lifecycle-fixtures.js';

const lifecycle = createLifecycle();
const machine = lifecycle.machine;
type Snapshot = EnquiryState['snapshot'];

/** A machine event around a domain event; stamps are placeholders, re-stamped when replayed. */
const machineEvent = (type: string, payload: object = {}, authorId: string = PEOPLE.ana): MachineEvent => ({
  type,
  event: {
    schemaVersion: 2,
    id: 'graph',
    enquiryId: 'enq-1',
    type,
    at: '2025-09-04T08:00:00.000Z',
    hlc: '000000000000000-00000-graph',
    authorId,
    payload: payload as Record<string, unknown>,
  },
});

/** Valid events for the state the enquiry is in: one of each type, with new ids where needed. */
function eventsFor(snapshot: Snapshot): MachineEvent[] {
  const data = snapshot.context;
  return [
    machineEvent('enquiry.create', details()),
    machineEvent('enquiry.rename', { title: 'Renamed' }),
    machineEvent('theme.choose', { themeId: 'theme-afl' }),
    machineEvent('question.draft', question()),
    machineEvent('question.submit'),
    machineEvent('question.approve', { comment: 'Good' }, PEOPLE.lead),
    machineEvent('question.return', { comment: 'Sharper' }, PEOPLE.lead),
    machineEvent('question.refine', { reason: 'Observations' }),
    machineEvent('observation.record', observation(data.observations.length + 1)),
    machineEvent('evidence.start'),
    machineEvent('evidence.add', evidence.studentVoice(`ev-${data.evidence.length + 1}`)),
    machineEvent('reflection.save', reflection()),
    machineEvent('sharing.start'),
    machineEvent('outcome.save', outcome()),
    machineEvent('outcome.publish'),
    machineEvent('evidence.reopen'),
    machineEvent('enquiry.pause'),
    machineEvent('enquiry.resume'),
    machineEvent('enquiry.withdraw'),
    machineEvent('enquiry.archive'),
  ];
}

/** What makes two states different for coverage: where the enquiry is and what it has. */
function serializeState(snapshot: Snapshot): string {
  const data: EnquiryData = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    data.stage,
    data.questionRevision > 0,
    data.review.status,
    data.observations.length > 0,
    data.evidence.length > 0,
    data.reflection !== undefined,
    data.outcome !== undefined,
  ]);
}

/** `enquiry.active.question.review` -> the state value `{ active: { question: 'review' } }`. */
function valueOf(nodeId: string): string | Record<string, unknown> {
  const [, ...parts] = nodeId.split('.');
  return parts.reduceRight<string | Record<string, unknown>>((inner, part) => ({ [part]: inner }), parts.pop()!);
}

/** The step a snapshot is at, the way EnquiryState.step names it. */
const stepOf = (snapshot: Snapshot) => lifecycle.restore({ value: snapshot.value, context: snapshot.context, refusals: [], eventCount: 0, lastKey: undefined }).step;

/** Writes a path's events as a fresh log, in order, and replays it. */
function replayPath(events: readonly MachineEvent[], input: LifecycleInput): { log: DomainEvent[]; state: EnquiryState } {
  const fx = createFixture();
  const log = events.map((e) => fx.event(e.event.type, e.event.payload, { author: e.event.authorId }));
  return { log, state: lifecycle.replay(log, input) };
}

const STEPS = ['theme', 'question.drafting', 'question.review', 'observation', 'evidence', 'sharing', 'shared', 'paused', 'withdrawn', 'archived'];

type Path = { state: Snapshot; steps: Array<{ event: MachineEvent | { type: string } }> };
const eventsOf = (path: Path) => path.steps.map((s) => s.event).filter((e): e is MachineEvent => 'event' in e);

function traverse(input: LifecycleInput) {
  const options = { events: eventsFor, serializeState, input };
  return {
    shortest: getShortestPaths(machine, options) as unknown as Path[],
    simple: getSimplePaths(machine, options) as unknown as Path[],
  };
}

function assertPathsReplay(paths: Path[], input: LifecycleInput) {
  for (const path of paths) {
    const { log, state } = replayPath(eventsOf(path), input);
    const label = log.map((e) => e.type).join(' > ') || '(empty)';
    assert.deepEqual(state.refusals, [], `every step of a path is accepted: ${label}`);
    assert.equal(state.step, stepOf(path.state), label);
    assert.equal(serializeState(state.snapshot), serializeState(path.state), label);
  }
}

describe('path coverage of the default lifecycle (xstate/graph)', () => {
  const withReview = traverse(inputFor({ review: true }));
  const withoutReview = traverse(inputFor({ review: false }));

  it('reaches every state node of the machine', () => {
    const nodeIds = getStateNodes(machine).map((node) => node.id);
    assert.equal(nodeIds.length, 13);
    for (const id of nodeIds) {
      const value = valueOf(id);
      assert.ok(withReview.shortest.some((path) => path.state.matches(value as never)), `${id} is reached`);
    }
  });

  it('reaches every step, with and without the lead\'s review', () => {
    const reached = (paths: Path[]) => new Set(paths.map((p) => stepOf(p.state)));
    assert.deepEqual([...reached(withReview.simple)].sort(), ['new', ...STEPS].sort());
    assert.deepEqual([...reached(withReview.shortest)].sort(), ['new', ...STEPS].sort());
    assert.deepEqual([...reached(withoutReview.simple)].sort(), ['new', ...STEPS.filter((s) => s !== 'question.review')].sort());
  });

  it('can pause, resume and withdraw from every active step', () => {
    const pausedIn = new Set(withReview.shortest.filter((p) => p.state.value === 'paused').map((p) => `${p.state.context.stage}/${p.state.context.review.status}`));
    for (const stage of ['theme', 'question/none', 'question/pending', 'question/returned', 'observation', 'evidence', 'sharing', 'shared']) {
      assert.ok([...pausedIn].some((s) => s === stage || s.startsWith(`${stage}/`)), `paused in ${stage}: ${[...pausedIn].join(', ')}`);
    }
    const withdrawnFrom = new Set(withReview.shortest.filter((p) => p.state.value === 'withdrawn').map((p) => p.state.context.stage));
    assert.deepEqual([...withdrawnFrom].sort(), ['evidence', 'observation', 'question', 'shared', 'sharing', 'theme']);
  });

  it('finds the same number of states and paths every run (update when the lifecycle changes)', () => {
    assert.equal(withReview.shortest.length, 165);
    assert.equal(withReview.simple.length, 510);
    assert.equal(withoutReview.shortest.length, 109);
    assert.equal(withoutReview.simple.length, 342);
  });

  it('every shortest path, replayed as a log, ends in the state the traversal reached', () => {
    assertPathsReplay(withReview.shortest, inputFor({ review: true }));
    assertPathsReplay(withoutReview.shortest, inputFor({ review: false }));
  });

  it('every simple path, replayed as a log, ends in the state the traversal reached', () => {
    assertPathsReplay(withReview.simple, inputFor({ review: true }));
    assertPathsReplay(withoutReview.simple, inputFor({ review: false }));
  });
});
