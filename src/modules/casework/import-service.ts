// Writing imported cases (`joinedup cases import`): the checks that need the area's data, then every
// row in ONE area transaction with its audit rows. Any problem throws before anything is written, and
// the checks run inside that same transaction, so nothing can slip in between checking and writing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { withArea } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit/audit.ts';
import { formatLongDate } from '../statutory/index.ts';
import { fold, type CaseEventRecord } from './fold.ts';
import type { ImportProblem, ImportRow } from './import.ts';
import * as repo from './repository.ts';

export class ImportRefused extends Error {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    super(`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`);
    this.name = 'ImportRefused';
    this.problems = problems;
  }
}

export interface ImportResult { cases: number; newChildren: number; events: number; byStage: Record<string, number>; overdue: number; dryRun: boolean }

export async function importCases(
  db: Kysely<DB>, ctx: AuditContext, areaId: string, rows: readonly ImportRow[],
  opts: { today: Temporal.PlainDate; now: Date; dryRun?: boolean },
): Promise<ImportResult> {
  return withArea(db, areaId, async (trx) => {
    const workers = await trx.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email']).distinct().where('m.area_id', '=', areaId).where('m.role', 'in', ['caseworker', 'team-manager']).where('u.status', '<>', 'disabled')
      .execute();
    const workerByEmail = new Map(workers.map((w) => [w.email.toLowerCase(), w.id]));
    const problems: ImportProblem[] = [];
    const existingChild = new Map<number, string>();
    for (const r of rows) {
      if (r.caseworkerEmail && !workerByEmail.has(r.caseworkerEmail)) {
        problems.push({ row: r.row, column: 'caseworker_email', message: `${r.caseworkerEmail} is not a caseworker or team manager in this area` });
      }
      const matches = await repo.findChildWithOpenCase(trx, areaId, r.child);
      const open = matches.find((m) => m.caseId);
      if (open) {
        problems.push({ row: r.row, column: r.child.upn ? 'upn' : 'given_name', message: `this child already has an open case in this area, opened on ${formatLongDate(Temporal.PlainDate.from(open.openedOn!))}: a duplicate request cannot be imported` });
      } else if (matches[0]) existingChild.set(r.row, matches[0].childId);
    }
    if (problems.length) throw new ImportRefused(problems.sort((a, b) => a.row - b.row));

    const result: ImportResult = { cases: rows.length, newChildren: rows.length - existingChild.size, events: 0, byStage: {}, overdue: 0, dryRun: Boolean(opts.dryRun) };
    for (const r of rows) {
      const events: CaseEventRecord[] = r.events.map((e, i) => ({ id: `new-${i}`, seq: i + 1, ...e }));
      const summary = fold(events, opts.today);
      result.events += events.length;
      result.byStage[summary.stage] = (result.byStage[summary.stage] ?? 0) + 1;
      if (summary.overdue.length) result.overdue += 1;
      if (opts.dryRun) continue;
      const childId = existingChild.get(r.row) ?? await repo.insertChild(trx, areaId, { ...r.child, nhsNumber: null, carers: [] });
      const caseId = await repo.insertCase(trx, areaId, childId, r.caseworkerEmail ? workerByEmail.get(r.caseworkerEmail)! : null, r.receivedOn);
      const ids = await repo.insertEvents(trx, events.map((e) => ({ areaId, caseId, seq: e.seq, type: e.type, effectiveDate: e.effectiveDate, recordedBy: null, data: e.data, reason: null, correctsEventId: null })));
      await repo.updateCache(trx, caseId, fold(events.map((e, i) => ({ ...e, id: ids[i]! })), opts.today), events.length, opts.now);
      await audit(trx, ctx, { action: 'case.imported', entityType: 'ehc_case', entityId: caseId, detail: { childId, eventIds: ids, reusedChild: existingChild.has(r.row), row: r.row } });
    }
    if (!opts.dryRun) await audit(trx, ctx, { action: 'case.import-completed', detail: { cases: result.cases, newChildren: result.newChildren, events: result.events } });
    return result;
  });
}
