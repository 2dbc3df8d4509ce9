// `joinedup plans import|summary|list`: improvement plans from the command line. `plans import` prints
// only the new plan's id on stdout (its last line), so `ID=$(joinedup plans import …)` works; every
// problem in the file goes to stderr and the exit code is 1, with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { asSystem, withArea } from '../../../platform/db/database.ts';
import { CliError, UsageError, registerCommand } from '../../../cli/registry.ts';
import { areaByCode } from '../../../cli/lookup.ts';
import { formatTable } from '../../../cli/io.ts';
import { systemClock } from '../../../platform/time/clock.ts';
import { parseIsoDate } from '../dates.ts';
import * as plans from './service.ts';

function asAtOption(value: string | undefined, today: Temporal.PlainDate): Temporal.PlainDate {
  if (value === undefined) return today;
  const d = parseIsoDate(value);
  if (!d) throw new UsageError(`--as-at must be a real date in the form YYYY-MM-DD (got "${value}")`);
  return d;
}

registerCommand({
  name: 'plans import',
  usage: 'plans import FILE --area CODE --name NAME [--scheme rag|brag] [--kind KIND] [--as-at YYYY-MM-DD]',
  description: 'Import an improvement plan from a CSV or XLSX file (prints the new plan\'s id)',
  details: 'One row per action. Required columns: priority, reference, action, lead, due_date, status; optional: priority_title,\n'
    + 'sro, start_date, success_measure, update. The statuses (and the update column, as each action\'s first progress update)\n'
    + 'are recorded as at --as-at (default today). Nothing is written unless the whole file is correct: every problem is\n'
    + 'listed on stderr as "row N column: message".',
  positionals: [{ name: 'file', description: 'The CSV or .xlsx file', required: true }],
  options: {
    area: { type: 'string', value: 'CODE', description: 'The area the plan belongs to', required: true },
    name: { type: 'string', value: 'NAME', description: 'The plan\'s name', required: true },
    scheme: { type: 'string', value: 'rag|brag', description: 'Status scheme', default: 'rag' },
    kind: { type: 'string', value: 'KIND', description: `${Object.keys(plans.PLAN_KINDS).join(', ')}`, default: 'priority-action-plan' },
    'as-at': { type: 'string', value: 'YYYY-MM-DD', description: 'The date the statuses are as at (default today)' },
  },
  async run(args, io) {
    const file = args.positionals[0]!;
    const scheme = args.string('scheme')!;
    const kind = args.string('kind')!;
    if (scheme !== 'rag' && scheme !== 'brag') throw new UsageError(`--scheme must be rag or brag (got "${scheme}")`);
    if (!plans.isPlanKind(kind)) throw new UsageError(`--kind must be one of ${Object.keys(plans.PLAN_KINDS).join(', ')}`);
    const today = systemClock.today();
    const asAt = asAtOption(args.string('as-at'), today);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(fs.readFileSync(file));
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    const input = { name: args.string('name')!, kind, scheme, asAt: asAt.toString() };
    const bad = plans.validateImportInput(input, today);
    if (bad.length) throw new UsageError(bad.map((e) => e.message).join('; '));
    // Read the file before opening the database, so a dirty file never touches it.
    const result = await plans.readPlanFile({ filename: path.basename(file), bytes }, scheme);
    if (!result.ok) {
      for (const p of result.problems) io.err(`${plans.problemField(p)}: ${plans.problemMessage(p)}`);
      io.err(`joinedup plans import: ${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'} in ${file}. Nothing was imported.`);
      return 1;
    }
    const id = await io.withDatabase(async (database) => {
      const area = await asSystem(database.db, (trx) => areaByCode(trx, args.string('area')!));
      return withArea(database.db, area.id, (trx) => plans.createImportedPlan(trx, io.auditContext(area.id), area.id,
        { name: input.name, kind, scheme, asAt }, result.plan));
    });
    const actions = result.plan.priorities.reduce((n, p) => n + p.actions.length, 0);
    io.err(`Imported "${input.name.trim()}": ${result.plan.priorities.length} priorities, ${actions} actions, statuses as at ${asAt.toString()}.`);
    io.out(id);
  },
});

registerCommand({
  name: 'plans summary',
  usage: 'plans summary ID [--as-at YYYY-MM-DD]',
  description: 'Print an improvement plan\'s progress as at a date, as JSON',
  positionals: [{ name: 'id', description: 'The plan\'s id', required: true }],
  options: { 'as-at': { type: 'string', value: 'YYYY-MM-DD', description: 'Report as at this date (default today)' } },
  async run(args, io) {
    const id = args.positionals[0]!.trim();
    if (!plans.isUuid(id)) throw new UsageError(`"${id}" is not a plan id`);
    const asAt = asAtOption(args.string('as-at'), systemClock.today());
    const summary = await io.withDatabase(async (database) => {
      const plan = await asSystem(database.db, (trx) => trx.selectFrom('improvement_plan').select('area_id').where('id', '=', id).executeTakeFirst());
      if (!plan) throw new CliError(`There is no improvement plan with id ${id}.`);
      return withArea(database.db, plan.area_id, (trx) => plans.planSummary(trx, id, asAt));
    });
    io.out(JSON.stringify(summary, null, 2));
  },
});

registerCommand({
  name: 'plans list',
  usage: 'plans list --area CODE',
  description: 'List an area\'s improvement plans',
  options: { area: { type: 'string', value: 'CODE', description: 'The area', required: true } },
  async run(args, io) {
    const rows = await io.withDatabase(async (database) => {
      const area = await asSystem(database.db, (trx) => areaByCode(trx, args.string('area')!));
      return withArea(database.db, area.id, (trx) => plans.listPlans(trx));
    });
    if (rows.length === 0) {
      io.err('There are no improvement plans in this area.');
      return;
    }
    io.out(formatTable(['id', 'name', 'kind', 'scheme', 'status', 'priorities', 'actions'], rows.map((r) => [r.id, r.name, r.kind, r.scheme, r.status, r.priorities, r.actions])));
  },
});
