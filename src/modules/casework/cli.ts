// `joinedup cases import FILE --area CODE [--dry-run]`: open EHC cases brought over from another system.
// Every row is checked (in the file, then against the area's data) before anything is written; any
// problem is listed on stderr as "row N, column X: why", the exit code is 1 and nothing is written.
import fs from 'node:fs';
import { asSystem } from '../../platform/db/database.ts';
import { CliError, registerCommand } from '../../cli/registry.ts';
import { areaByCode } from '../../cli/lookup.ts';
import { systemClock } from '../../platform/time/clock.ts';
import { describeProblem, IMPORT_COLUMNS, readCaseFile, type ImportProblem } from './import.ts';
import { importCases, ImportRefused } from './import-service.ts';
import { STAGES } from './fold.ts';
import { recomputeAllAreas, recomputeArea } from './recompute.ts';

registerCommand({
  name: 'cases import',
  usage: 'cases import FILE --area CODE [--dry-run]',
  description: 'Import open EHC cases from another system (CSV, one row per case with its key dates)',
  details: [
    'The first row is the header. Columns (any order; * required):',
    ...IMPORT_COLUMNS.map((c) => `  ${c.name}${c.required ? ' *' : ''}: ${c.description}`),
    'Dates are YYYY-MM-DD or DD/MM/YYYY. Each row becomes a child (an existing child without an open case is reused), a case',
    'and the events that reproduce its dates, checked by the same rules as the case pages, so the deadlines are as if the',
    'history had been recorded here. Nothing is written unless every row is correct: each problem is listed on stderr as',
    '"row N, column X: why" and the exit code is 1. --dry-run checks everything and prints the summary without writing.',
  ].join('\n'),
  positionals: [{ name: 'file', description: 'The CSV file', required: true }],
  options: {
    area: { type: 'string', value: 'CODE', description: 'The area the cases belong to', required: true },
    'dry-run': { type: 'boolean', description: 'Check the file and report what would be imported, writing nothing' },
  },
  async run(args, io) {
    const file = args.positionals[0]!;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    const today = systemClock.today();
    const refuse = (problems: ImportProblem[]) => {
      for (const p of problems) io.err(describeProblem(p));
      io.err(`joinedup cases import: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${file}. Nothing was imported.`);
      return 1;
    };
    // The file is checked before the database is opened, so a bad file never touches it.
    const { rows, problems } = readCaseFile(text, today);
    if (problems.length) return refuse(problems);
    const dryRun = args.flag('dry-run');
    let result;
    try {
      result = await io.withDatabase(async (database) => {
        const area = await asSystem(database.db, (trx) => areaByCode(trx, args.string('area')!));
        return importCases(database.db, io.auditContext(area.id), area.id, rows, { today, now: new Date(), dryRun });
      });
    } catch (err) {
      if (err instanceof ImportRefused) return refuse(err.problems);
      throw err;
    }
    const stages = Object.entries(result.byStage).sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `  ${STAGES[s as keyof typeof STAGES] ?? s}: ${n}`);
    io.out([
      `${dryRun ? 'Checked (dry run, nothing written)' : 'Imported'}: ${result.cases} ${result.cases === 1 ? 'case' : 'cases'}, ${result.newChildren} new ${result.newChildren === 1 ? 'child' : 'children'}, ${result.events} events; ${result.overdue} with a step overdue today.`,
      ...stages,
    ].join('\n'));
  },
});

registerCommand({
  name: 'cases recompute',
  usage: 'cases recompute [--area CODE] [--all]',
  description: 'Recompute every case\'s status and deadlines from its events (after a rules or bank-holiday change)',
  details: [
    'Replays each case\'s events through the current rules and rewrites the cached columns the work trays sort on',
    '(stage, next step due, overdue…) wherever they differ. The nightly job does the same. Without --area, every area.',
    'Open cases by default (a closed case\'s columns depend only on its events); --all replays closed cases too,',
    'to repair a damaged cache. Events the current rules would refuse are kept and counted, never dropped.',
  ].join('\n'),
  options: {
    area: { type: 'string', value: 'CODE', description: 'Only this area' },
    all: { type: 'boolean', description: 'Closed cases too, not only open ones' },
  },
  async run(args, io) {
    const today = systemClock.today();
    const results = await io.withDatabase(async (database) => {
      const code = args.string('area');
      const scope = args.flag('all') ? 'all' : 'open';
      if (!code) return recomputeAllAreas(database.db, today, scope);
      const area = await asSystem(database.db, (trx) => areaByCode(trx, code));
      return { [area.code]: await recomputeArea(database.db, area.id, today, 'cli:cases-recompute', scope) };
    });
    for (const [code, r] of Object.entries(results)) {
      io.out(`${code}: ${r.cases} cases (${r.events} events) replayed in ${r.ms} ms; ${r.changed} updated${r.rejected ? `; ${r.rejected} hold events the current rules would refuse` : ''}.`);
    }
  },
});
