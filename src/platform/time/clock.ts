// All "now" and "today" come from a Clock, so tests can fix time and statutory dates are counted in
// England's calendar (Europe/London), whatever the server's own time zone.
export interface Clock {
  now(): Date;
  today(): Temporal.PlainDate;
}

export const LONDON = 'Europe/London';

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => Temporal.Now.plainDateISO(LONDON),
};

/** A clock that stands still until moved (tests). */
export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    today: () => Temporal.Instant.fromEpochMilliseconds(current.getTime()).toZonedDateTimeISO(LONDON).toPlainDate(),
    set(next) { current = new Date(next); },
    advance(ms) { current = new Date(current.getTime() + ms); },
  };
}
