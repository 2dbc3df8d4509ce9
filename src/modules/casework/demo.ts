// Demo casework: a deterministic, synthetic caseload relative to the demo's "today". About 1,500 plans
// in force (older plans with their review history) and about 400 requests a year over the last two and
// a half years, in every stage; timeliness near the national figure (about half of new plans within
// 20 weeks); some cases overdue and at risk, reviews due, a few appeals, mediations, exceptions,
// transfers in and out. Every case is replayed through the same fold as live cases (so a sequence the
// rules would refuse fails the seed) and inserted in batches.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db-types.ts';
import type { DemoContext, DemoSeeder } from '../../platform/demo/seed.ts';
import type { EventType } from './events.ts';
import { fold, type CaseEventRecord } from './fold.ts';
import { cacheColumns } from './repository.ts';
import { prng } from '../../platform/prng.ts';

type D = Temporal.PlainDate;
/** Days since 1970-01-01: the generator counts in plain numbers (Temporal arithmetic is slow in bulk). */
type N = number;
const EPOCH = Temporal.PlainDate.from('1970-01-01');
const toN = (d: D): N => EPOCH.until(d).days;
const isoCache = new Map<N, string>();
export function isoOf(n: N): string {
  let s = isoCache.get(n);
  if (s === undefined) { s = EPOCH.add({ days: n }).toString(); isoCache.set(n, s); }
  return s;
}

function uuid(rnd: () => number): string {
  const w = () => (Math.floor(rnd() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  const a = w(), b = w(), c = w(), d = w();
  // Version 4, RFC 4122 variant.
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${(8 + (parseInt(c[0]!, 16) & 3)).toString(16)}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

const GIVEN = ['Amara', 'Ben', 'Chloe', 'Dev', 'Ellis', 'Freya', 'Gabriel', 'Hana', 'Isaac', 'Jaya', 'Kai', 'Leah', 'Milo', 'Nia', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tia', 'Umar', 'Vera', 'Wren', 'Xander', 'Yusuf', 'Zara', 'Alfie', 'Bea', 'Cal', 'Dara', 'Eden', 'Finn', 'Gigi', 'Hugo', 'Iris', 'Jude', 'Kit', 'Lola', 'Max', 'Noor'];
const FAMILY = ['Abbott', 'Begum', 'Carver', 'Dlamini', 'Evans', 'Fairley', 'Garcia', 'Hussain', 'Ivanova', 'Jones', 'Khan', 'Lindqvist', 'Mensah', 'Novak', 'Okafor', 'Patel', 'Quayle', 'Rahman', 'Silva', 'Thornton', 'Umeh', 'Vasquez', 'Whitlock', 'Xu', 'Yates', 'Zielinski', 'Ashdown', 'Brennan', 'Cole', 'Dunmore', 'Ellery', 'Foxley', 'Grange', 'Holt', 'Ingram', 'Jessop', 'Kerridge', 'Lowther', 'Marsh', 'Nettleton'];
const SETTINGS = ['Riverside Primary School', 'Demo Borough College', 'Hillcrest Academy', 'Oakfield Special School', 'Meadow Lane Infant School', 'Northgate High School', 'Willow Bank Resource Base', 'Brookside Nursery'];
const NEEDS = ['ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'SLD', 'PD', 'HI', 'VI', 'PMLD', 'DS', 'OTH'] as const;
const REQUESTER_WEIGHTS: [string, number][] = [['parent', 45], ['school', 38], ['young-person', 3], ['health', 8], ['social-care', 4], ['other', 2]];
const CONTRIBUTORS = ['ep', 'health', 'social-care', 'setting'] as const;

/** Extra synthetic caseworkers, so a team manager has a team to spread the work across. */
const EXTRA_CASEWORKERS = [
  { email: 'caseworker2@demo.joinedup.invalid', name: 'Robin Reyes' },
  { email: 'caseworker3@demo.joinedup.invalid', name: 'Jamie Okoro' },
];

interface GenEvent { id: string; type: EventType; date: N; data: Record<string, unknown> }
interface GenCase { id: string; childId: string; events: GenEvent[]; assignedTo: string | null; involved: { userId: string; reason: string }[] }

export interface DemoCaseworkOptions {
  requestsPerYear?: number; legacyPlans?: number; years?: number; seed?: number;
  /** Share of cases assigned to the demo caseworker (default 0.72) and to the manager (0.08); the rest mostly to the other caseworkers. */
  mainShare?: number; managerShare?: number;
  /** Caseworkers besides the demo one (default 2); more spread a large caseload (the benchmark's 20,000 children). */
  extraCaseworkers?: number;
  /** Pad the child records up to this many with children who have no EHC case (known to the service, e.g. at SEN support). */
  totalChildren?: number;
}

/** Builds the synthetic caseload (pure apart from the PRNG; no I/O). */
export function generateCaseload(today: D, users: { caseworker: string; manager: string; others: string[]; ep?: string | undefined; health?: string | undefined }, opts: DemoCaseworkOptions = {}) {
  const rnd = prng(opts.seed ?? 20141);
  // A second stream for the consultations with settings, added later: drawing them from `rnd` would
  // have changed every case generated after the first one.
  const consultRnd = prng((opts.seed ?? 20141) + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const chance = (p: number) => rnd() < p;
  const weighted = (ws: [string, number][]) => {
    const total = ws.reduce((s, [, w]) => s + w, 0);
    let r = rnd() * total;
    for (const [k, w] of ws) { r -= w; if (r < 0) return k; }
    return ws[0]![0];
  };
  // 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays … 5 on Saturdays, 6 on Sundays.
  const weekday = (n: N) => { const w = ((n + 3) % 7 + 7) % 7; return w === 5 ? n + 2 : w === 6 ? n + 1 : n; };
  const days = (d: N, k: number) => weekday(d + k);
  const todayN = toN(today);
  const plan = () => {
    const n = between(1, 3);
    const needs = Array.from({ length: n }, () => {
      const senType = pick(NEEDS);
      return { senType, description: `Needs arising from ${senType} (synthetic demo text)`, outcomes: ['By the end of the key stage, makes expected progress (demo)'], provision: ['Weekly specialist support, 1 hour (demo)'] };
    });
    return { a: 'Likes music and being outdoors (demo).', needs, namedSetting: { name: pick(SETTINGS) } };
  };

  const children: { id: string; given: string; family: string; dob: string; upn: string | null }[] = [];
  const cases: GenCase[] = [];
  const assign = () => {
    const r = rnd();
    const main = opts.mainShare ?? 0.72;
    if (r < main) return users.caseworker;
    if (r < main + (opts.managerShare ?? 0.08)) return users.manager;
    if (r < 0.98 && users.others.length) return pick(users.others);
    return null;
  };
  const newChild = (ageAt: N, minAge: number, maxAge: number) => {
    const dobN = ageAt - between(minAge, maxAge) * 365 - between(0, 364);
    const c = { id: uuid(rnd), given: pick(GIVEN), family: pick(FAMILY), dob: isoOf(dobN), dobN, upn: chance(0.8) ? `Z${String(children.length + 1).padStart(11, '0')}A` : null };
    children.push(c);
    return c;
  };

  /** Annual reviews from `start` until today (or `end`); returns the events and whether it ended. */
  const reviews = (ev: GenEvent[], start: N, end: N | null, earliest?: N) => {
    let cycleStart = start;
    for (;;) {
      let meeting = days(cycleStart, between(320, chance(0.12) ? 420 : 372));
      if (earliest !== undefined && meeting < earliest) meeting = days(earliest, between(14, 60));
      if (meeting > todayN || (end !== null && meeting >= end)) return;
      ev.push({ id: uuid(rnd), type: 'review-meeting-held', date: meeting, data: {} });
      const decisionOn = days(meeting, chance(0.7) ? between(5, 27) : between(29, 50));
      const r = rnd();
      const decision = r < 0.72 ? 'maintain' : r < 0.97 ? 'amend' : 'cease';
      ev.push({ id: uuid(rnd), type: 'review-decision', date: decisionOn, data: { decision } });
      if (decision === 'cease') {
        ev.push({ id: uuid(rnd), type: 'plan-ceased', date: days(decisionOn, between(14, 40)), data: { reason: pick(['1', '2', '3', '4', '6']) } });
        return;
      }
      if (decision === 'amend') {
        ev.push({ id: uuid(rnd), type: 'amendment-proposed', date: decisionOn, data: {} });
        ev.push({ id: uuid(rnd), type: 'amended-plan-issued', date: days(decisionOn, between(20, 80)), data: {} });
      }
      cycleStart = meeting;
    }
  };

  const nextSept = Temporal.PlainDate.from({ year: today.month >= 9 ? today.year + 1 : today.year, month: 9, day: 1 });
  const nextSeptN = toN(nextSept);
  const phaseOnN = toN(Temporal.PlainDate.from({ year: nextSept.year - 1, month: 9, day: 8 }));

  // --- Plans made before the window, with their review history ---
  const legacy = opts.legacyPlans ?? 1250;
  const years = opts.years ?? 2.5;
  const windowStart = todayN - Math.round(years * 365);
  for (let i = 0; i < legacy; i++) {
    const final = days(windowStart, -between(1, 6 * 365));
    const child = newChild(final, 2, 17);
    const ev: GenEvent[] = [];
    const received = days(final, -between(16 * 7, 30 * 7));
    ev.push({ id: uuid(rnd), type: 'request-received', date: received, data: { requester: weighted(REQUESTER_WEIGHTS) } });
    ev.push({ id: uuid(rnd), type: 'decision-to-assess', date: days(received, between(25, 45)), data: {} });
    const draft = days(final, -between(18, 30));
    ev.push({ id: uuid(rnd), type: 'decision-to-issue', date: days(draft, -between(1, 10)), data: {} });
    ev.push({ id: uuid(rnd), type: 'draft-plan-issued', date: draft, data: { plan: plan() } });
    ev.push({ id: uuid(rnd), type: 'final-plan-issued', date: final, data: {} });
    const r = rnd();
    const end = r < 0.08 ? days(final, between(200, 2000)) : null;
    reviews(ev, final, end);
    if (end !== null && end <= todayN && !ev.some((e) => e.type === 'plan-ceased')) {
      const last = ev[ev.length - 1]!.date;
      const on = end > last ? end : days(last, 30);
      if (on <= todayN) {
        if (chance(0.25)) ev.push({ id: uuid(rnd), type: 'transfer-out', date: on, data: { toLa: String(between(201, 938)), learnedOfMove: isoOf(days(on, -20)), moveDate: isoOf(on) } });
        else ev.push({ id: uuid(rnd), type: 'plan-ceased', date: on, data: { reason: pick(['1', '2', '2', '3', '4', '6', '7', '9']) } });
      }
    }
    // Phase transfers: children moving to secondary school next September.
    const lastDate = ev[ev.length - 1]!.date;
    const age = Math.floor((nextSeptN - child.dobN) / 365.25);
    if ((age === 11 || age === 16) && phaseOnN <= todayN && phaseOnN >= lastDate && !ev.some((e) => e.type === 'plan-ceased' || e.type === 'transfer-out')) {
      ev.push({ id: uuid(rnd), type: 'phase-transfer', date: phaseOnN, data: { kind: age === 11 ? 'school' : 'post16', year: nextSept.year } });
    }
    cases.push({ id: uuid(rnd), childId: child.id, events: ev, assignedTo: assign(), involved: [] });
  }

  // --- Requests in the window ---
  const perYear = opts.requestsPerYear ?? 400;
  const total = Math.round(perYear * years);
  const span = todayN - windowStart;
  for (let i = 0; i < total; i++) {
    const received = days(windowStart, Math.floor((i + rnd()) * span / total));
    if (received > todayN) continue;
    const child = newChild(received, 1, 17);
    const ev: GenEvent[] = [];
    const involved: GenCase['involved'] = [];
    ev.push({ id: uuid(rnd), type: 'request-received', date: received, data: { requester: weighted(REQUESTER_WEIGHTS) } });
    const decisionOn = days(received, chance(0.85) ? between(20, 42) : between(43, 70));
    if (chance(0.26)) {
      ev.push({ id: uuid(rnd), type: 'decision-not-to-assess', date: decisionOn, data: { reasons: 'Needs can be met from resources normally available (demo)' } });
      if (chance(0.12)) {
        const mediation = chance(0.5);
        if (mediation) ev.push({ id: uuid(rnd), type: 'mediation', date: days(decisionOn, between(14, 30)), data: { decisionDate: isoOf(decisionOn), certificateOn: isoOf(days(decisionOn, between(31, 40))) } });
        const reg = days(decisionOn, between(42, 55));
        ev.push({ id: uuid(rnd), type: 'appeal-registered', date: reg, data: { subject: 'refusal-to-assess', decisionDate: isoOf(decisionOn) } });
        const outcomeOn = days(reg, between(120, 200));
        const outcome = chance(0.55) ? 'order-assess' : chance(0.5) ? 'dismissed' : 'withdrawn';
        ev.push({ id: uuid(rnd), type: 'appeal-outcome', date: outcomeOn, data: { outcome } });
        if (outcome === 'order-assess') {
          // The Tribunal's timetable: confirm within 2 weeks, final plan within 14 weeks of the order.
          const confirmed = days(outcomeOn, between(5, 13));
          ev.push({ id: uuid(rnd), type: 'decision-to-assess', date: confirmed, data: {} });
          const issueOn = days(outcomeOn, between(56, 70));
          const draftOn = days(issueOn, between(3, 10));
          const finalOn = days(draftOn, between(17, 35));
          ev.push({ id: uuid(rnd), type: 'decision-to-issue', date: issueOn, data: {} });
          ev.push({ id: uuid(rnd), type: 'draft-plan-issued', date: draftOn, data: { plan: plan() } });
          ev.push({ id: uuid(rnd), type: 'final-plan-issued', date: finalOn, data: {} });
          reviews(ev, finalOn, null);
        }
      }
    } else {
      ev.push({ id: uuid(rnd), type: 'decision-to-assess', date: decisionOn, data: {} });
      let lastAdvice = decisionOn;
      for (const contributor of CONTRIBUTORS) {
        if (contributor !== 'ep' && chance(0.35)) continue;
        const askedOn = days(decisionOn, between(0, 6));
        if (askedOn > lastAdvice) lastAdvice = askedOn;
        const reqId = uuid(rnd);
        const userId = contributor === 'ep' && users.ep && chance(0.1) ? users.ep : contributor === 'health' && users.health && chance(0.1) ? users.health : undefined;
        ev.push({ id: reqId, type: 'advice-requested', date: askedOn, data: { contributor, ...(userId ? { contributorUserId: userId } : {}) } });
        if (userId) involved.push({ userId, reason: 'advice' });
        ev.push({ id: uuid(rnd), type: 'advice-received', date: days(askedOn, chance(0.6) ? between(20, 42) : between(43, 75)), data: { adviceEventId: reqId } });
      }
      if (chance(0.05)) ev.push({ id: uuid(rnd), type: 'exception-recorded', date: days(decisionOn, between(7, 21)), data: { code: pick(['a', 'c', 'c', 'd']), reason: 'Recorded for the demo', evidence: 'Note on file (demo)' } });
      // When the final plan lands: about half within 20 weeks, a tail beyond.
      const finalWeek = chance(0.9) ? 15 + rnd() * 9 : 24 + rnd() * 28;
      const final = days(received, Math.round(finalWeek * 7));
      if (chance(0.06)) {
        ev.push({ id: uuid(rnd), type: 'decision-not-to-issue', date: days(received, between(14 * 7, 18 * 7)), data: { reasons: 'Needs can be met without a plan (demo)' } });
      } else {
        const draft = days(final, -between(16, 24));
        const issueOn = days(draft, -between(1, 9));
        const decideIssue = issueOn > lastAdvice ? issueOn : days(lastAdvice, 1);
        const draftOn = draft >= decideIssue ? draft : decideIssue;
        const finalOn = final >= draftOn + 15 ? final : days(draftOn, 16);
        ev.push({ id: uuid(rnd), type: 'decision-to-issue', date: decideIssue, data: {} });
        const draftId = uuid(rnd);
        const drafted = plan();
        ev.push({ id: draftId, type: 'draft-plan-issued', date: draftOn, data: { plan: drafted } });
        // Most drafts go to the setting the family asked for, asking it to answer within 15 days.
        if (consultRnd() < 0.6) {
          const consultId = uuid(consultRnd);
          const consultedOn = days(draftOn, 1);
          ev.push({ id: consultId, type: 'setting-consulted', date: consultedOn, data: { settingName: drafted.namedSetting.name, responseRequestedBy: isoOf(consultedOn + 15) } });
          if (consultRnd() < 0.8) {
            const response = consultRnd() < 0.85 ? 'can-meet-needs' : 'cannot-meet-needs';
            ev.push({ id: uuid(consultRnd), type: 'consultation-response', date: days(consultedOn, 5 + Math.floor(consultRnd() * 20)), data: { consultationEventId: consultId, response } });
          }
        }
        if (chance(0.4)) ev.push({ id: uuid(rnd), type: 'representations-received', date: days(draftOn, between(5, 14)), data: { summary: 'Family comments (demo)' } });
        ev.push({ id: uuid(rnd), type: 'final-plan-issued', date: finalOn, data: {} });
        if (chance(0.03)) {
          const reg = days(finalOn, between(30, 58));
          ev.push({ id: uuid(rnd), type: 'appeal-registered', date: reg, data: { subject: 'plan-content', decisionDate: isoOf(finalOn) } });
          ev.push({ id: uuid(rnd), type: 'appeal-outcome', date: days(reg, between(150, 220)), data: { outcome: chance(0.5) ? 'dismissed' : 'withdrawn' } });
        }
        reviews(ev, finalOn, null);
      }
    }
    cases.push({ id: uuid(rnd), childId: child.id, events: ev, assignedTo: assign(), involved });
  }

  // --- Plans transferred in from other councils ---
  for (let i = 0; i < 24; i++) {
    const on = days(windowStart, between(0, span));
    if (on > todayN) continue;
    const child = newChild(on, 3, 17);
    const lastReview = days(on, -between(30, 330));
    const ev: GenEvent[] = [{ id: uuid(rnd), type: 'transfer-in', date: on, data: { fromLa: String(between(201, 938)), lastReviewOn: isoOf(lastReview) } }];
    ev.push({ id: uuid(rnd), type: 'transfer-in-confirmed', date: days(on, between(10, 50)), data: {} });
    reviews(ev, lastReview, null, on);
    cases.push({ id: uuid(rnd), childId: child.id, events: ev, assignedTo: assign(), involved: [] });
  }

  // Keep what has happened by today, in date order.
  for (const c of cases) {
    c.events = c.events.filter((e) => e.date <= todayN).map((e, i) => ({ e, i })).sort((a, b) => a.e.date - b.e.date || a.i - b.i).map((x) => x.e);
    const ids = new Set(c.events.map((e) => e.id));
    c.events = c.events.filter((e) => e.type !== 'advice-received' || ids.has(String(e.data['adviceEventId'])));
    c.involved = c.involved.filter((x) => c.events.some((e) => e.data['contributorUserId'] === x.userId));
  }
  // --- Re-assessments under way: plans in force where the family or school asked for a fresh
  // assessment in the last few weeks; about half already agreed (the 14-week clock running). Made
  // after everything else, so the rest of the caseload is the same as without them.
  for (let i = 0; i < 10; i++) {
    const final = days(todayN, -between(400, 1100));
    const child = newChild(final, 4, 14);
    const ev: GenEvent[] = [];
    const received = days(final, -between(16 * 7, 20 * 7));
    ev.push({ id: uuid(rnd), type: 'request-received', date: received, data: { requester: 'parent' } });
    ev.push({ id: uuid(rnd), type: 'decision-to-assess', date: days(received, between(25, 40)), data: {} });
    const draft = days(final, -between(18, 30));
    ev.push({ id: uuid(rnd), type: 'decision-to-issue', date: days(draft, -between(1, 10)), data: {} });
    ev.push({ id: uuid(rnd), type: 'draft-plan-issued', date: draft, data: { plan: plan() } });
    ev.push({ id: uuid(rnd), type: 'final-plan-issued', date: final, data: {} });
    reviews(ev, final, null);
    if (ev.some((e) => e.type === 'plan-ceased')) continue;
    const asked = days(Math.max(ev[ev.length - 1]!.date + 1, todayN - 40), between(0, 10));
    if (asked > todayN) continue;
    ev.push({ id: uuid(rnd), type: 'reassessment-requested', date: asked, data: { requester: pick(['parent', 'school']) } });
    const agreed = days(asked, between(5, 14));
    if (i % 2 === 0 && agreed <= todayN) ev.push({ id: uuid(rnd), type: 'decision-to-reassess', date: agreed, data: {} });
    cases.push({ id: uuid(rnd), childId: child.id, events: ev, assignedTo: assign(), involved: [] });
  }

  while (children.length < (opts.totalChildren ?? 0)) newChild(todayN, 2, 18);
  return { children, cases };
}

async function insertBatched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedCasework(ctx: DemoContext, opts: DemoCaseworkOptions = {}): Promise<{ cases: number; events: number; ms: Record<string, number> }> {
  const trx: Transaction<DB> = ctx.trx;
  const ms: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => { const now = performance.now(); ms[name] = Math.round(now - mark); mark = now; };
  const others: string[] = [];
  const extra = opts.extraCaseworkers ?? EXTRA_CASEWORKERS.length;
  const people = [...EXTRA_CASEWORKERS, ...Array.from({ length: Math.max(0, extra - EXTRA_CASEWORKERS.length) }, (_, i) => ({
    email: `caseworker${i + EXTRA_CASEWORKERS.length + 2}@demo.joinedup.invalid`,
    name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`,
  }))].slice(0, extra);
  for (const p of people) {
    const existing = await trx.selectFrom('app_user').select('id').where('email', '=', p.email).executeTakeFirst();
    const u = existing ?? await trx.insertInto('app_user').values({ email: p.email, name: p.name, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('membership').values({ area_id: ctx.areaId, user_id: u.id, organisation_id: ctx.orgIds['send']!, role: 'caseworker' }).onConflict((oc) => oc.doNothing()).execute();
    others.push(u.id);
  }
  const caseworker = ctx.userIds['caseworker']!;
  const { children, cases } = generateCaseload(ctx.today, { caseworker, manager: ctx.userIds['team-manager'] ?? caseworker, others, ep: ctx.userIds['educational-psychologist'], health: ctx.userIds['health-professional'] }, opts);

  lap('generate');
  // Bulk rows travel as one JSON parameter per batch (jsonb_to_recordset): far fewer bound
  // parameters than a multi-row VALUES, which is what makes seeding fast on PGlite.
  await insertBatched(children, 5000, (b) => sql`
    insert into child (id, area_id, given_name, family_name, date_of_birth, upn, carers)
    select x.id, ${ctx.areaId}::uuid, x.given_name, x.family_name, x.date_of_birth, x.upn, '[]'::jsonb
    from jsonb_to_recordset(${JSON.stringify(b.map((c) => ({ id: c.id, given_name: c.given, family_name: c.family, date_of_birth: c.dob, upn: c.upn })))}::jsonb)
      as x(id uuid, given_name text, family_name text, date_of_birth date, upn text)`.execute(trx));
  lap('children');
  const caseRows = [];
  const eventRows = [];
  const involvementRows = [];
  for (const c of cases) {
    const records: CaseEventRecord[] = c.events.map((e, i) => ({ id: e.id, seq: i + 1, type: e.type, effectiveDate: isoOf(e.date), data: e.data }));
    const s = fold(records, ctx.today);
    if (s.rejected.length) throw new Error(`demo case ${c.id} breaks the rules: ${s.rejected.map((r) => r.message).join('; ')}`);
    caseRows.push({ id: c.id, child_id: c.childId, assigned_to: c.assignedTo, opened_on: isoOf(c.events[0]!.date), ...cacheColumns(s, records.length) });
    for (const [i, e] of c.events.entries()) {
      eventRows.push({ id: e.id, case_id: c.id, seq: i + 1, type: e.type, effective_date: isoOf(e.date), data: e.data });
    }
    for (const x of c.involved) involvementRows.push({ area_id: ctx.areaId, case_id: c.id, user_id: x.userId, reason: x.reason });
  }
  lap('fold');
  await insertBatched(caseRows, 5000, (b) => sql`
    insert into ehc_case (id, area_id, child_id, assigned_to, opened_on, stage, is_open, closed_on, next_due_on, next_due_key, next_due_label, overdue, plan_in_force, request_received_on, final_issued_on, event_count)
    select x.id, ${ctx.areaId}::uuid, x.child_id, x.assigned_to, x.opened_on, x.stage, x.is_open, x.closed_on, x.next_due_on, x.next_due_key, x.next_due_label, x.overdue, x.plan_in_force, x.request_received_on, x.final_issued_on, x.event_count
    from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
      as x(id uuid, child_id uuid, assigned_to uuid, opened_on date, stage text, is_open boolean, closed_on date, next_due_on date, next_due_key text, next_due_label text, overdue boolean, plan_in_force boolean, request_received_on date, final_issued_on date, event_count int)`.execute(trx));
  lap('cases');
  await insertBatched(eventRows, 10000, (b) => sql`
    insert into case_event (id, area_id, case_id, seq, type, effective_date, recorded_by, recorded_at, data)
    select x.id, ${ctx.areaId}::uuid, x.case_id, x.seq, x.type, x.effective_date, ${caseworker}::uuid, (x.effective_date + time '10:00') at time zone 'UTC', x.data
    from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
      as x(id uuid, case_id uuid, seq int, type text, effective_date date, data jsonb)`.execute(trx));
  lap('events');
  if (involvementRows.length) {
    await trx.insertInto('case_involvement').values(involvementRows).onConflict((oc) => oc.doNothing()).execute();
  }
  // Fresh planner statistics for the bulk load (the embedded database runs no autovacuum). Named
  // tables, so it stays within this schema on a shared PostgreSQL server.
  await sql`analyze child, ehc_case, case_event, case_involvement`.execute(trx);
  return { cases: caseRows.length, events: eventRows.length, ms };
}

export const caseworkDemo: DemoSeeder = { name: 'casework', seed: async (ctx) => { await seedCasework(ctx); } };
