// Versions of a case's EHC plan (draft, final, each amendment) and what changed between two of them.
// Pure: the versions come from the events (corrections applied), the comparison is section by section,
// with needs matched by their type of need so outcomes and provision are compared need by need.
import { effectiveEvents, type CaseEventRecord } from './fold.ts';
import { EVENT_LABELS, SEN_TYPES, type PlanData } from './events.ts';

const PLAN_EVENTS = ['draft-plan-issued', 'final-plan-issued', 'amended-plan-issued'] as const;
type PlanEvent = (typeof PLAN_EVENTS)[number];

export interface PlanVersion {
  eventId: string;
  type: PlanEvent;
  label: string;
  issuedOn: string;
  plan: PlanData;
  /** True when the event recorded no plan of its own, so the one before it carries forward. */
  carriedForward: boolean;
}

export function planVersions(events: readonly CaseEventRecord[]): PlanVersion[] {
  const versions: PlanVersion[] = [];
  for (const e of effectiveEvents(events).live) {
    if (!(PLAN_EVENTS as readonly string[]).includes(e.type)) continue;
    const own = e.data['plan'] as PlanData | undefined;
    const prev = versions.at(-1)?.plan;
    if (!own && !prev) continue;
    versions.push({ eventId: e.id, type: e.type as PlanEvent, label: EVENT_LABELS[e.type], issuedOn: e.effectiveDate, plan: own ?? prev!, carriedForward: !own });
  }
  return versions;
}

export type Change = 'added' | 'removed' | 'changed' | 'unchanged';

export interface SectionChange {
  section: string;
  change: Change;
  before: string | null;
  after: string | null;
  /** For lists (outcomes, provision): the items added and removed. */
  added: string[];
  removed: string[];
}

const TEXT_SECTIONS: [keyof PlanData, string][] = [
  ['a', 'Section A: views, interests and aspirations'], ['c', 'Section C: health needs'], ['d', 'Section D: social care needs'],
  ['g', 'Section G: health provision'], ['h1', 'Section H1: social care provision (CSDPA 1970)'], ['h2', 'Section H2: other social care provision'],
  ['j', 'Section J: personal budget'], ['k', 'Section K: advice and information'],
];

function changeOf(before: string | null, after: string | null): Change {
  if (before === after) return 'unchanged';
  if (before === null) return 'added';
  if (after === null) return 'removed';
  return 'changed';
}

function textRow(section: string, before: string | undefined | null, after: string | undefined | null): SectionChange {
  const b = before?.trim() || null;
  const a = after?.trim() || null;
  return { section, change: changeOf(b, a), before: b, after: a, added: [], removed: [] };
}

function listRow(section: string, before: readonly string[] | undefined, after: readonly string[] | undefined): SectionChange {
  const b = before ?? [];
  const a = after ?? [];
  const added = a.filter((x) => !b.includes(x));
  const removed = b.filter((x) => !a.includes(x));
  const bt = b.length ? b.join('\n') : null;
  const at = a.length ? a.join('\n') : null;
  const change: Change = !added.length && !removed.length ? 'unchanged' : !b.length ? 'added' : !a.length ? 'removed' : 'changed';
  return { section, change, before: bt, after: at, added, removed };
}

/** Section-by-section changes from `before` to `after`, in the plan's own order. */
export function comparePlans(before: PlanData, after: PlanData): SectionChange[] {
  const rows: SectionChange[] = [textRow(TEXT_SECTIONS[0]![1], before.a, after.a)];
  // Needs (B) with their outcomes (E) and provision (F), matched by type of need in order.
  const used = new Set<number>();
  for (const n of after.needs) {
    const i = before.needs.findIndex((m, j) => !used.has(j) && m.senType === n.senType);
    const m = i >= 0 ? before.needs[i] : undefined;
    if (i >= 0) used.add(i);
    const name = SEN_TYPES[n.senType];
    rows.push(textRow(`Section B: ${name}`, m?.description, n.description));
    rows.push(listRow(`Section E: outcomes for ${name}`, m?.outcomes, n.outcomes));
    rows.push(listRow(`Section F: provision for ${name}`, m?.provision, n.provision));
  }
  before.needs.forEach((m, j) => {
    if (used.has(j)) return;
    const name = SEN_TYPES[m.senType];
    rows.push(textRow(`Section B: ${name}`, m.description, null));
    rows.push(listRow(`Section E: outcomes for ${name}`, m.outcomes, []));
    rows.push(listRow(`Section F: provision for ${name}`, m.provision, []));
  });
  for (const [key, label] of TEXT_SECTIONS.slice(1, 6)) rows.push(textRow(label, before[key] as string | undefined, after[key] as string | undefined));
  const setting = (p: PlanData) => (p.namedSetting ? `${p.namedSetting.name}${p.namedSetting.urn ? ` (URN ${p.namedSetting.urn})` : ''}` : null);
  rows.push(textRow('Section I: placement', setting(before), setting(after)));
  for (const [key, label] of TEXT_SECTIONS.slice(6)) rows.push(textRow(label, before[key] as string | undefined, after[key] as string | undefined));
  return rows;
}
