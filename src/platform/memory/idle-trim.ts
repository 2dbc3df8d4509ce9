// Giving freed memory back to the operating system when the server falls idle.
//
// Why: V8 compiles and parses in zones it allocates with malloc, in pieces too small for glibc to map
// separately. After start-up and after a burst of requests most of that is free again, but glibc keeps
// it as holes in its heaps (it only ever trims the top), so the process stays 40–50 MB bigger than it
// needs to be for as long as it runs. glibc's malloc_trim(0) hands every free page back; we reach it
// through node:ffi. The JavaScript heap, grown under load, is likewise left at its high-water mark
// until V8 next collects, so a full collection goes first (see malloc-trim.ts). It runs only when no
// request has been in flight for a while, at most once in ten seconds, and skips the part it cannot do
// (no --expose-gc; another C library or a Node without node:ffi).
//
// The scheduling is pure (no clock or timers of its own) so it can be tested to the millisecond.

/** The server's settings: trim two seconds after the last request, at most once in ten seconds. */
export const SERVER_IDLE_TRIM = { idleMs: 2_000, minIntervalMs: 10_000 } as const;

export interface IdleTrimOptions {
  /** Gives free memory back; returns whether it could. */
  trim: () => boolean;
  /** How long nothing must be in flight before trimming (ms). */
  idleMs: number;
  /** The least time between two trims (ms), so a trickle of requests does not trim after each. */
  minIntervalMs: number;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => { cancel(): void };
}

export interface IdleTrimmer {
  /** A request started. */
  begin(): void;
  /** A request finished (answered, failed or abandoned). */
  end(): void;
  /** How many times memory was trimmed. */
  readonly trims: number;
  stop(): void;
}

export function createIdleTrimmer(o: IdleTrimOptions): IdleTrimmer {
  let inFlight = 0;
  let trims = 0;
  let lastTrimAt = -Infinity;
  let timer: { cancel(): void } | undefined;
  let stopped = false;

  const cancel = () => {
    timer?.cancel();
    timer = undefined;
  };
  const schedule = () => {
    cancel();
    if (stopped || inFlight > 0) return;
    const wait = Math.max(o.idleMs, lastTrimAt + o.minIntervalMs - o.now());
    timer = o.setTimer(() => {
      timer = undefined;
      if (stopped || inFlight > 0) return;
      lastTrimAt = o.now();
      if (o.trim()) trims++;
    }, wait);
  };

  // Start-up leaves the most behind (every module compiled), so the first quiet moment trims too.
  schedule();
  return {
    begin() {
      inFlight++;
      cancel();
    },
    end() {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight === 0) schedule();
    },
    get trims() { return trims; },
    stop() {
      stopped = true;
      cancel();
    },
  };
}
