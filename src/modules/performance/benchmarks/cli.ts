// `joinedup benchmarks import <folder>` and `joinedup benchmarks imports`: load published benchmark
// data (see service.ts for which files are read and where they are looked for).
import path from 'node:path';
import { CliError, registerCommand } from '../../../cli/registry.ts';
import { formatTable, shortTime } from '../../../cli/io.ts';
import { describeProblem, importBenchmarkFolder } from './service.ts';
import { listImports } from './repository.ts';

registerCommand({
  name: 'benchmarks import',
  usage: 'benchmarks import FOLDER',
  description: 'Replace the published benchmark data with the files in FOLDER',
  details: [
    'FOLDER holds the DfE "Education, health and care plans" CSV files (timeliness_20_week.csv, caseload.csv, …)',
    'and the MoJ/DfE appeal-rate table; la-lookup.csv and sn-model-long.csv are read from the same folder or a',
    'sibling lait-* folder. A folder holding dfe-* and lait-* folders (like reference/) works too.',
    'If any file has an error (missing, truncated or malformed rows, a renamed column, a bad LA lookup row) every',
    'problem is listed with its file, line and column, nothing is changed (the previous data stays in force) and',
    'the exit code is 1. Otherwise all benchmark rows are replaced in one transaction.',
  ].join('\n'),
  positionals: [{ name: 'folder', description: 'Folder holding the files', required: true }],
  options: { 'warnings': { type: 'boolean', description: 'List the warnings too (values were read; check them)' } },
  async run(args, io) {
    const folder = args.positionals[0]!;
    const r = await io.withDatabase((database) => importBenchmarkFolder(database.db, folder, { actor: io.actorLabel, sourceLabel: path.resolve(folder) }));
    const list = (title: string, problems: typeof r.problems) => {
      io.err(title);
      for (const p of problems) io.err(`  - ${describeProblem(p)}`);
    };
    if (!r.ok) {
      list(`The benchmark files in ${folder} have ${r.errors.length} ${r.errors.length === 1 ? 'problem' : 'problems'}. Nothing was changed: the previous benchmark data stays in force.`, r.errors);
      throw new CliError(`import rejected (${r.errors.length} ${r.errors.length === 1 ? 'error' : 'errors'}); see the list above`);
    }
    if (args.flag('warnings') && r.warnings.length) list(`${r.warnings.length} warnings:`, r.warnings);
    io.out(formatTable(['import', 'files', 'councils', 'neighbours', 'values', 'warnings', 'seconds'],
      [[r.importId, r.files.length, r.las, r.neighbours, r.values, r.warnings.length, (r.ms.total / 1000).toFixed(1)]]));
    io.err(`Imported ${r.values} benchmark values from ${r.files.length} files${r.warnings.length ? ` (${r.warnings.length} warnings; --warnings lists them)` : ''}.`);
  },
});

registerCommand({
  name: 'benchmarks imports',
  usage: 'benchmarks imports',
  description: 'List the benchmark imports, newest first',
  async run(_args, io) {
    const rows = await io.withDatabase((database) => listImports(database.db));
    if (rows.length === 0) {
      io.err('No benchmark data has been imported yet.');
      return;
    }
    io.out(formatTable(['id', 'when (UTC)', 'status', 'files', 'values', 'by', 'source'], rows.map((r) => [r.id, shortTime(r.imported_at), r.status, r.file_count, r.row_count, r.actor, r.source])));
  },
});
