import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdleTrimmer, SERVER_IDLE_TRIM } from './idle-trim.ts';

/** A hand-wound clock and timer queue: `advance(ms)` fires every timer that falls due, in order. */
function fakeTime() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer(fn: () => void, ms: number) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return { cancel: () => { timers.delete(id); } };
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    get pending() { return timers.size; },
  };
}

function setUp(opts: { idleMs?: number; minIntervalMs?: number; trimWorks?: boolean } = {}) {
  const time = fakeTime();
  const trimmedAt: number[] = [];
  const trimmer = createIdleTrimmer({
    idleMs: opts.idleMs ?? 2_000, minIntervalMs: opts.minIntervalMs ?? 10_000, now: time.now, setTimer: time.setTimer,
    trim: () => { trimmedAt.push(time.now()); return opts.trimWorks ?? true; },
  });
  return { time, trimmer, trimmedAt };
}

// Each step: 'b' a request begins, 'e' one ends, a number is that many ms passing.
const cases: { name: string; steps: (string | number)[]; trimmedAt: number[] }[] = [
  { name: 'a quiet start trims once, idleMs after it', steps: [1_999, 1, 60_000], trimmedAt: [2_000] },
  { name: 'a request before the start-up trim puts it off until idleMs after the request ends', steps: [1_000, 'b', 5_000, 'e', 1_999, 1], trimmedAt: [8_000] },
  { name: 'nothing is trimmed while a request is in flight, however long', steps: ['b', 600_000], trimmedAt: [] },
  { name: 'with two in flight, the first to end does not start the wait', steps: ['b', 'b', 100, 'e', 5_000, 'e', 2_000], trimmedAt: [7_100] },
  { name: 'a request in the quiet period cancels the pending trim', steps: [1_500, 'b', 10, 'e', 1_500, 'b', 10, 'e', 2_000], trimmedAt: [5_020] },
  { name: 'a second quiet spell soon after a trim waits for the least interval', steps: [2_000, 'b', 100, 'e', 2_000, 30_000], trimmedAt: [2_000, 12_000] },
  { name: 'a quiet spell after the least interval trims idleMs after the last request', steps: [2_000, 20_000, 'b', 100, 'e', 2_000], trimmedAt: [2_000, 24_100] },
  { name: 'one trim per quiet spell, not one per idleMs', steps: [2_000, 100_000], trimmedAt: [2_000] },
  { name: 'a trickle of requests trims at most once per least interval', steps: [...Array.from({ length: 10 }, () => ['b', 'e', 3_000]).flat()], trimmedAt: [2_000, 12_000, 23_000] },
  { name: 'an end without a begin (a request that failed to start) does not count below zero', steps: ['e', 'e', 'b', 100, 'e', 2_000], trimmedAt: [2_100] },
];

for (const c of cases) {
  test(`idle trim: ${c.name}`, () => {
    const { time, trimmer, trimmedAt } = setUp();
    for (const step of c.steps) {
      if (step === 'b') trimmer.begin();
      else if (step === 'e') trimmer.end();
      else time.advance(step as number);
    }
    assert.deepEqual(trimmedAt, c.trimmedAt);
    assert.equal(trimmer.trims, c.trimmedAt.length);
  });
}

test('idle trim: a trim that could not be done is not counted, and stop() cancels what is pending', () => {
  const failing = setUp({ trimWorks: false });
  failing.time.advance(2_000);
  assert.deepEqual(failing.trimmedAt, [2_000]);
  assert.equal(failing.trimmer.trims, 0);

  const stopped = setUp();
  stopped.time.advance(1_000);
  stopped.trimmer.stop();
  assert.equal(stopped.time.pending, 0);
  stopped.trimmer.begin();
  stopped.trimmer.end();
  stopped.time.advance(60_000);
  assert.deepEqual(stopped.trimmedAt, []);
});

test('idle trim: the server waits two seconds of quiet and trims at most once in ten seconds', () => {
  assert.deepEqual(SERVER_IDLE_TRIM, { idleMs: 2_000, minIntervalMs: 10_000 });
});
