/**
 * Test fixtures: a compact way to write `KpiCase`s. Used by the tests beside it; not by the engine.
 */
import type { KpiCase, KpiContext } from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

let serial = 0;

/** A case with empty lists and the given fields; `caseId` defaults to a fresh 'c1', 'c2'… */
export function kase(fields: Mutable<KpiCase> = {}): KpiCase {
  serial += 1;
  const caseId = fields.caseId ?? `c${String(serial)}`;
  return {
    caseId,
    childId: fields.childId ?? `child-${caseId}`,
    reviews: [],
    phaseTransfers: [],
    advice: [],
    mediations: [],
    appeals: [],
    ...fields,
  } as KpiCase;
}

/** Day `d` after the ISO date (negative for before), as 'YYYY-MM-DD'. */
export function plus(iso: string, days: number): string {
  return Temporal.PlainDate.from(iso).add({ days }).toString();
}

/** Calendar year 2024, as at the January 2025 census date (how DfE counts 2024 activity). */
export const Y2024: KpiContext = { from: '2024-01-01', to: '2024-12-31', asAt: '2025-01-16' };

/** A plan issued `days` after a request received on `request`, with optional exceptions. */
export function issued(request: string, days: number, fields: Mutable<KpiCase> = {}): KpiCase {
  return kase({
    requestReceivedOn: request,
    decisionToAssess: { on: plus(request, 30), outcome: 'assess' },
    issueDecision: { on: plus(request, Math.min(days, 100)), outcome: 'issue' },
    finalIssuedOn: plus(request, days),
    ...fields,
  });
}
