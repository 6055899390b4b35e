/**
 * Fixtures for the community board and meeting tests (and the board benchmark): many enquiries
 * made quickly, one `enquiry.create` each, spread over the demo school's current themes,
 * communities and staff, and appended straight to a store in parallel batches.
 */
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Store } from '../../src/store/store.js';

/** Groups of the 2026-27 cycle the generated enquiries belong to: [community, theme, owners]. */
const GROUPS: Array<[string | undefined, string, string[]]> = [
  ['com-feedback', 'th-afl', ['p-amir', 'p-beth', 'p-chen']],
  ['com-oracy', 'th-oracy', ['p-dana', 'p-eli', 'p-fern', 'p-gus']],
  ['com-wellbeing', 'th-wellbeing', ['p-hana', 'p-gus']],
  [undefined, 'th-literacy', ['p-ivo']],
  [undefined, 'th-strategic', ['p-jade']],
  [undefined, 'th-rewards', ['p-kit']],
];

const TOPICS = ['questioning', 'retrieval practice', 'peer talk', 'written feedback', 'reading aloud', 'calm starts', 'exit tickets', 'praise'];

/** The `enquiry.create` events of `count` enquiries `gen-00000`, `gen-00001`, ... in the 2026-27 cycle. */
export function generatedEnquiries(count: number, prefix = 'gen'): DomainEvent[] {
  let time = Date.parse('2026-09-10T08:00:00.000Z');
  let n = 0;
  const make = createEventFactory({
    clock: createHybridClock(`${prefix}-device`, () => time),
    newId: () => `${prefix}-ev-${(n += 1)}`,
    now: () => new Date(time),
  });
  const stages = [...defaultLifecycle.stages];
  const events: DomainEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    time += 60_000;
    const [communityId, themeId, owners] = GROUPS[i % GROUPS.length]!;
    const kind = communityId ? 'group' : 'individual';
    const enquiryId = `${prefix}-${String(i).padStart(5, '0')}`;
    events.push(
      make({
        enquiryId,
        type: 'enquiry.create',
        authorId: owners[0]!,
        payload: {
          title: `Enquiry ${i}: ${TOPICS[i % TOPICS.length]}`,
          kind,
          cycleId: 'cy-2026',
          themeId,
          ...(communityId ? { communityId } : {}),
          ownerIds: communityId ? owners : [owners[0]!],
          track: 'plc',
          stages,
        } as never,
      }),
    );
  }
  return events;
}

/** Appends one-event logs to a store, `parallel` appends at a time. */
export async function appendAll(store: Store, events: readonly DomainEvent[], parallel = 200): Promise<void> {
  for (let i = 0; i < events.length; i += parallel) {
    await Promise.all(events.slice(i, i + parallel).map((event) => store.append(event.enquiryId, [event])));
  }
}

/** Waits until `condition` holds (polling each frame), or throws naming `what`. */
export async function until(condition: () => boolean, what: string, timeout = 4000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
