// Recently seen sessions, kept in memory so an authenticated page costs no database round trip.
// Only for the embedded database: there the data folder's lock guarantees this process is the only
// writer, and PostgreSQL's NOTIFY (sent by triggers on sessions, users, memberships and areas; see
// migration 0002) reaches the cache when the change commits, before the change's own request answers.
// On a shared PostgreSQL server other processes change the same rows, so no cache is used there.
import type { SessionState } from './session.ts';

export const PRINCIPAL_CHANNEL = 'joinedup_principal';
/** Enough for every signed-in person of a large council; beyond it the cache starts again. */
const MAX_ENTRIES = 10_000;

export interface CachedSession {
  state: SessionState;
  createdAtMs: number;
  lastSeenAtMs: number;
}

export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();
  #generation = 0;

  /** Changes heard so far. A load that began before a change must not be cached after it. */
  get generation(): number { return this.#generation; }

  get size(): number { return this.#entries.size; }

  get(idHash: string): CachedSession | undefined { return this.#entries.get(idHash); }

  set(idHash: string, entry: CachedSession, generationAtLoad: number): void {
    if (generationAtLoad !== this.#generation) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(idHash, entry);
  }

  delete(idHash: string): void { this.#entries.delete(idHash); }

  /** A change was announced: `*` for everyone, otherwise one user's id. */
  changed(payload: string): void {
    this.#generation++;
    if (payload === '*') {
      this.#entries.clear();
      return;
    }
    for (const [idHash, entry] of this.#entries) if (entry.state.userId === payload) this.#entries.delete(idHash);
  }
}
