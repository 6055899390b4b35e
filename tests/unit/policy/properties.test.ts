/**
 * Property tests of the privacy contract over random pushes (docs/privacy.md): whatever events
 * people who are not its owners push, an enquiry's owners never change; and the readers of an
 * observation's notes never grow without an event written by the observed colleague. Each push
 * goes through what the server does with it: the policy decides (for a person) against the
 * enquiry as stored, and the lifecycle replays what was accepted. A service (the host's back
 * end) skips the policy, so its pushes exercise the lifecycle's own rules. 500 runs each,
 * with a fixed seed (PLC_FC_SEED explores others).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createEventFactory,
  createHybridClock,
  createLifecycle,
  decide,
  eventForReader,
  wholeEvents,
  type DomainEvent,
  type EnquiryState,
  type PolicyCommunity,
} from '../../../src/index.js';
import { details, evidence, inputFor, observation, outcome, question, reflection } from '../../support/lifecycle-fixtures.js';

const settings = { numRuns: 500, seed: process.env['PLC_FC_SEED'] ? Number(process.env['PLC_FC_SEED']) : 20_261_207 };
const lifecycle = createLifecycle();

/** The community of the fixture enquiry: a lead, two members (the owners), a coach. */
const community: PolicyCommunity = { id: 'com-afl', leadId: 'p-lead', memberIds: ['p-ana', 'p-ben'], coachIds: ['p-coach'] };
const OWNERS = ['p-ana', 'p-ben'];
/** Everyone who pushes: the owners, the lead, a coach, the observed colleague, her line manager, a teacher, a CPD leader. */
const PEOPLE = ['p-ana', 'p-ben', 'p-lead', 'p-coach', 'p-obs', 'p-lm', 'p-tch', 'p-cpd'] as const;
const roles = (id: string) => (id === 'p-cpd' ? ['teacher', 'cpd-leader'] : id === 'p-coach' ? ['teacher', 'coach'] : ['teacher']) as Array<'teacher' | 'coach' | 'cpd-leader'>;
const OBSERVED = 'p-obs';
const NOTE_ID = 'obs-1';

/** One push: who, what, whether through the service, and how its clock stamp is set. */
interface Push {
  author: number;
  template: number;
  service: boolean;
  early: boolean;
  target: number;
}

const TEMPLATES: Array<(author: string, target: string) => [string, object]> = [
  (a) => ['enquiry.create', details({ ownerIds: [a], title: `Mine (${a})` })],
  (a) => ['enquiry.create', details({ kind: 'individual', communityId: undefined, ownerIds: [a] })],
  () => ['enquiry.rename', { title: 'Renamed' }],
  () => ['theme.choose', { themeId: 'theme-afl' }],
  () => ['question.draft', question()],
  () => ['question.submit', {}],
  () => ['question.approve', { comment: 'Fine.' }],
  (_a, t) => ['observation.record', observation(2, { observedId: OBSERVED, sharedWith: [t] })],
  (_a, t) => ['observation.record', observation(3, { observedId: t, sharedWith: [t, 'p-lm'] })],
  (_a, t) => ['observation.share', { observationId: NOTE_ID, personIds: [t] }],
  (_a, t) => ['observation.share', { observationId: 'obs-2', personIds: [t] }],
  () => ['evidence.start', {}],
  () => ['evidence.add', evidence.note(`ev-${Math.random().toString(36).slice(2, 6)}`)],
  () => ['reflection.save', reflection()],
  () => ['sharing.start', {}],
  () => ['outcome.save', outcome()],
  () => ['enquiry.pause', {}],
  () => ['enquiry.resume', {}],
];

const push: fc.Arbitrary<Push> = fc.record({
  author: fc.nat(PEOPLE.length - 1),
  template: fc.nat(TEMPLATES.length - 1),
  service: fc.boolean(),
  early: fc.boolean(),
  target: fc.nat(PEOPLE.length - 1),
});

/** An enquiry as the server holds it: the stored log and its state. */
function authority() {
  let wall = Date.parse('2025-10-01T08:00:00.000Z');
  let seq = 0;
  const make = createEventFactory({ clock: createHybridClock('d', () => wall), newId: () => `p-${++seq}`, now: () => new Date(wall) });
  const input = inputFor();
  const log: DomainEvent[] = [];
  let state: EnquiryState = lifecycle.initial(input);
  const write = (type: string, author: string, payload: object) => {
    wall += 60_000;
    return make({ enquiryId: 'enq-1', type, authorId: author, payload: payload as Record<string, unknown> });
  };
  const store = (event: DomainEvent) => {
    log.push(event);
    state = lifecycle.resume(state, [event], input) ?? lifecycle.replay(log, input);
  };
  // The owners start the enquiry, get the question approved and record an observation of p-obs.
  store(write('enquiry.create', 'p-ana', details({ ownerIds: OWNERS })));
  store(write('theme.choose', 'p-ana', { themeId: 'theme-afl' }));
  store(write('question.draft', 'p-ana', question()));
  store(write('question.submit', 'p-ana', {}));
  store(write('question.approve', 'p-lead', {}));
  store(write('observation.record', 'p-ben', observation(1, { observerId: 'p-ben', observedId: OBSERVED })));
  assert.ok(state.data.observations.some((o) => o.id === NOTE_ID), 'the set-up recorded the observation');
  return {
    get state() {
      return state;
    },
    get log(): readonly DomainEvent[] {
      return log;
    },
    /** The server's handling of one push: the policy for a person (a service skips it), then storing. */
    push(p: Push): DomainEvent | undefined {
      const author = PEOPLE[p.author]!;
      const [type, payload] = TEMPLATES[p.template]!(author, PEOPLE[p.target]!);
      let event = write(type, author, payload);
      if (p.early) event = { ...event, hlc: `000000000000${String(seq).padStart(3, '0')}-00000-early` };
      if (type === 'enquiry.create' && state.data.status !== 'new') return undefined; // never stored (already-created)
      if (!p.service) {
        const actor = { kind: 'person' as const, person: { id: author, roles: roles(author) } };
        if (!decide(actor, 'event.append', { enquiry: state.data, community, eventType: type, payload: payload as Record<string, unknown> }).allowed) return undefined;
      }
      store(event);
      return event;
    },
  };
}

/** Who may read the notes of the first observation now. */
const readersOfNotes = (state: EnquiryState) => {
  const observation = state.data.observations.find((o) => o.id === NOTE_ID)!;
  return PEOPLE.filter((id) => decide({ kind: 'person', person: { id, roles: roles(id) } }, 'observation.read-notes', { enquiry: state.data, community, observation }).allowed);
};

describe('privacy properties over random pushes', () => {
  it('no sequence of events pushed by people who are not its owners changes an enquiry\'s owners', () => {
    const nonOwners = push.filter((p) => !OWNERS.includes(PEOPLE[p.author]!));
    fc.assert(
      fc.property(fc.array(nonOwners, { maxLength: 25 }), (pushes) => {
        const server = authority();
        for (const p of pushes) {
          server.push(p);
          assert.deepEqual(server.state.data.details?.ownerIds, OWNERS);
          assert.equal(server.state.data.details?.kind, 'group');
        }
      }),
      settings,
    );
  });

  it('the readers of a note never grow without an event written by the observed colleague', () => {
    fc.assert(
      fc.property(fc.array(push, { maxLength: 25 }), (pushes) => {
        const server = authority();
        let readers = readersOfNotes(server.state);
        for (const p of pushes) {
          const stored = server.push(p);
          const now = readersOfNotes(server.state);
          const grew = now.filter((id) => !readers.includes(id));
          if (grew.length) assert.equal(stored?.authorId, OBSERVED, `${grew.join(', ')} can now read the notes after ${stored?.type} by ${stored?.authorId}`);
          readers = now;
        }
      }),
      settings,
    );
  });

  it('what a reader sees whole by wholeEvents (the change feed\'s statement tests these facts), eventForReader sends unchanged', () => {
    let whole = 0;
    let shaped = 0;
    fc.assert(
      fc.property(fc.array(push, { maxLength: 25 }), (pushes) => {
        const server = authority();
        for (const p of pushes) server.push(p);
        const context = { enquiry: server.state.data, community };
        for (const id of PEOPLE) {
          const actor = { kind: 'person' as const, person: { id, roles: roles(id) } };
          if (!decide(actor, 'enquiry.read', context).allowed) continue;
          const facts = wholeEvents(actor, context);
          for (const event of server.log) {
            const payload = event.payload;
            const shownWhole =
              event.type === 'observation.record' ? facts.observations.includes(payload['id'] as string)
              : event.type === 'observation.share' ? facts.observations.includes(payload['observationId'] as string)
              : event.type === 'question.approve' || event.type === 'question.return' ? !('comment' in payload) || facts.review
              : event.type === 'reflection.save' || event.type === 'outcome.save' ? facts.outcome
              : true;
            if (shownWhole) {
              whole += 1;
              assert.equal(eventForReader(actor, event, context), event, `${id} is shown ${event.type} ${event.id} whole, which the policy shapes`);
            } else if (eventForReader(actor, event, context) !== event) shaped += 1;
          }
        }
      }),
      settings,
    );
    assert.ok(whole > 0 && shaped > 0, `both kinds were seen (${whole} whole, ${shaped} shaped)`);
  });
});
