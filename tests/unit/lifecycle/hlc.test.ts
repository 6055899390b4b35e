import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHybridClock, formatHlc, HLC_REGEX, parseHlc } from '../../../src/index.js';

const manualWall = (start: number) => {
  let ms = start;
  return { read: () => ms, set: (value: number) => void (ms = value) };
};

describe('hybrid logical clock', () => {
  it('formats fixed-width stamps that sort as strings like they sort as numbers', () => {
    const stamps = [
      { ms: 9, counter: 2, node: 'a' },
      { ms: 10, counter: 0, node: 'a' },
      { ms: 10, counter: 1, node: 'a' },
      { ms: 1_700_000_000_000, counter: 0, node: 'a' },
      { ms: 1_700_000_000_000, counter: 0, node: 'b' },
    ];
    const formatted = stamps.map(formatHlc);
    assert.equal(formatted[0], '000000000000009-00002-a');
    assert.deepEqual([...formatted].sort(), formatted);
    for (const stamp of stamps) assert.deepEqual(parseHlc(formatHlc(stamp)), stamp);
    for (const stamp of formatted) assert.match(stamp, HLC_REGEX);
  });

  it('parses only well-formed stamps', () => {
    for (const bad of ['', '123-00000-a', '000000000000001-0000-a', '000000000000001-00000-', '000000000000001-00000-a b', '2025-09-04T08:00:00Z']) {
      assert.equal(parseHlc(bad), undefined, bad);
    }
  });

  it('refuses a node id that would break the stamp format', () => {
    for (const node of ['', 'a b', 'a|b', 'x'.repeat(41)]) assert.throws(() => createHybridClock(node, () => 0), /clock node/);
    assert.doesNotThrow(() => createHybridClock('tablet-1.room:12', () => 0));
  });

  it('is monotonic when wall time stands still or goes backwards', () => {
    const wall = manualWall(1_000);
    const clock = createHybridClock('d1', wall.read);
    const stamps = [clock.now(), clock.now()];
    wall.set(500); // the device's clock was corrected backwards
    stamps.push(clock.now(), clock.now());
    wall.set(2_000);
    stamps.push(clock.now());
    const parsed = stamps.map((s) => parseHlc(s)!);
    assert.deepEqual(parsed.map((s) => [s.ms, s.counter]), [[1_000, 0], [1_000, 1], [1_000, 2], [1_000, 3], [2_000, 0]]);
    assert.deepEqual([...stamps].sort(), stamps);
    assert.equal(new Set(stamps).size, stamps.length);
  });

  it('moves on to the next millisecond when the counter is full', () => {
    const clock = createHybridClock('d1', () => 42);
    let stamp = '';
    for (let i = 0; i <= 100_000; i++) stamp = clock.now();
    assert.deepEqual(parseHlc(stamp), { ms: 43, counter: 0, node: 'd1' });
  });

  it('receive() moves the clock past a remote stamp, even one from a clock running ahead', () => {
    const wall = manualWall(1_000);
    const local = createHybridClock('laptop', wall.read);
    const remote = formatHlc({ ms: 5_000, counter: 7, node: 'tablet' });
    local.receive(remote);
    const next = local.now();
    assert.ok(next > remote, `${next} > ${remote}`);
    assert.deepEqual(parseHlc(next), { ms: 5_000, counter: 9, node: 'laptop' });
    wall.set(6_000);
    assert.deepEqual(parseHlc(local.now()), { ms: 6_000, counter: 0, node: 'laptop' });
  });

  it('receive() of an older stamp changes nothing but the counter; garbage is ignored', () => {
    const wall = manualWall(10_000);
    const clock = createHybridClock('d1', wall.read);
    const first = clock.now();
    clock.receive(formatHlc({ ms: 1, counter: 0, node: 'old' }));
    clock.receive('not a stamp');
    const second = clock.now();
    assert.ok(second > first);
    assert.equal(parseHlc(second)!.ms, 10_000);
  });

  it('two devices that exchange stamps produce one total order consistent with causality', () => {
    const wall = manualWall(100);
    const a = createHybridClock('a', wall.read);
    const b = createHybridClock('b', () => wall.read() - 50); // b's clock is 50 ms behind
    const a1 = a.now();
    b.receive(a1);
    const b1 = b.now();
    a.receive(b1);
    const a2 = a.now();
    assert.ok(a1 < b1 && b1 < a2, [a1, b1, a2].join(' < '));
  });
});
