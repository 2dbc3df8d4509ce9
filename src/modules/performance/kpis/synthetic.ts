/**
 * Deterministic synthetic cases for the micro-benchmark and engine tests. Not real data.
 */
import { daysFromCivil } from './arith.ts';
import { civilFromDays } from '../../../platform/time/civil-days.ts';
import { prng } from '../../../platform/prng.ts';
import { NEED_CODES, SETTING_TYPES, type AdviceContributor, type CeaseReason, type KpiCase } from './types.ts';

const EPOCH_2020 = daysFromCivil(2020, 1, 1);

/** Day number → 'YYYY-MM-DD'. */
export function isoFromDay(n: number): string {
  const { year, month, day } = civilFromDays(n);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const CONTRIBUTORS: readonly AdviceContributor[] = ['educational-psychologist', 'health', 'social-care', 'education', 'other'];

/** `n` plausible cases with requests spread over 2020–2025. */
export function syntheticCases(n: number, seed = 1): KpiCase[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: KpiCase[] = [];
  for (let i = 0; i < n; i++) {
    const req = EPOCH_2020 + Math.floor(rnd() * 6 * 365);
    const dob = req - 365 * 2 - Math.floor(rnd() * 365 * 20);
    const refused = rnd() < 0.25;
    const dta = req + 20 + Math.floor(rnd() * 40);
    const notIssue = !refused && rnd() < 0.06;
    const issueDec = dta + 40 + Math.floor(rnd() * 60);
    const fin = issueDec + 15 + Math.floor(rnd() * 120);
    const hasPlan = !refused && !notIssue;
    const ceased = hasPlan && rnd() < 0.15 ? fin + Math.floor(rnd() * 900) : undefined;
    const reviews = [];
    if (hasPlan) {
      for (let due = fin + 365; due < EPOCH_2020 + 7 * 365 && (ceased === undefined || due <= ceased); due += 365) {
        const r = rnd();
        const meeting = r < 0.1 ? undefined : due - 20 + Math.floor(rnd() * 60);
        reviews.push({
          dueOn: isoFromDay(due),
          meetingOn: meeting === undefined ? undefined : isoFromDay(meeting),
          decisionOn: meeting === undefined || rnd() < 0.1 ? undefined : isoFromDay(meeting + 5 + Math.floor(rnd() * 50)),
        });
      }
    }
    const advice = refused
      ? []
      : CONTRIBUTORS.slice(0, 2 + Math.floor(rnd() * 4)).map((contributor) => ({
          contributor,
          requestedOn: isoFromDay(dta + 3),
          returnedOn: rnd() < 0.05 ? undefined : isoFromDay(dta + 3 + 20 + Math.floor(rnd() * 40)),
        }));
    out.push({
      caseId: `case-${String(i)}`,
      childId: `child-${String(i)}`,
      dateOfBirth: isoFromDay(dob),
      team: pick(['North', 'South', 'East', 'West']),
      settingId: `URN${String(100000 + Math.floor(rnd() * 300))}`,
      settingType: rnd() < 0.03 ? undefined : pick(SETTING_TYPES),
      primaryNeed: rnd() < 0.01 ? undefined : pick(NEED_CODES),
      requestReceivedOn: isoFromDay(req),
      decisionToAssess: { on: isoFromDay(dta), outcome: refused ? 'refuse' : 'assess' },
      issueDecision: refused ? undefined : { on: isoFromDay(issueDec), outcome: notIssue ? 'not-issue' : 'issue' },
      draftIssuedOn: hasPlan ? isoFromDay(issueDec + 5) : undefined,
      finalIssuedOn: hasPlan ? isoFromDay(fin) : undefined,
      twentyWeekExceptions: hasPlan && rnd() < 0.07 ? ['c'] : [],
      ceasedOn: ceased === undefined ? undefined : isoFromDay(ceased),
      ceaseReason: ceased === undefined ? undefined : (pick([1, 2, 3, 4, 5, 6, 7, 8, 9]) as CeaseReason),
      reviews,
      phaseTransfers: hasPlan && rnd() < 0.2 ? [{ dueOn: isoFromDay(fin + 200), finalisedOn: rnd() < 0.3 ? undefined : isoFromDay(fin + 150 + Math.floor(rnd() * 80)) }] : [],
      advice,
      mediations: rnd() < 0.05 ? [{ on: isoFromDay(dta + 30) }] : [],
      appeals: rnd() < 0.03 ? [{ registeredOn: isoFromDay(dta + 90) }] : [],
    });
  }
  return out;
}
