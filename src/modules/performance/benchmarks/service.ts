// Importing published benchmark data from a folder, and reading it back for pages and the API.
//
// Where the files are looked for (`locateBenchmarkFiles`):
//  * the DfE files (timeliness_20_week.csv, caseload.csv, … and the MoJ/DfE appeal-rate table, the
//    names in measures.ts) are read from FOLDER; when FOLDER holds none of them but has sub-folders
//    named `dfe-*` (as `reference/` does), the last such sub-folder by name is used;
//  * the LAIT files `la-lookup.csv` and `sn-model-long.csv` are read from the same folder as the DfE
//    files when they are there, otherwise from a sibling folder named `lait-*` (the last by name).
//    So both `reference/` and `reference/dfe-ehcp-2025` import the shipped data, and a folder
//    holding all ten files works too.
// Every expected file must be present: a missing one is an error, because an import replaces all
// benchmark rows and would otherwise silently drop that file's measures.
//
// An import with any error-severity problem (malformed or truncated file, renamed column, bad LA
// lookup or neighbour row, missing file) writes no benchmark data: the previous data stays in force,
// and the attempt is recorded in benchmark_import with status 'rejected' and its problems. A clean
// import replaces the LA lookup, neighbours and values in one transaction, then records itself.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { asSystem } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { parseBenchmarkFiles, parseLaLookup, parseStatisticalNeighbours, round1, type InputFile, type LaRecord, type Problem, type StatisticalNeighbour } from './import.ts';
import { MEASURES, getMeasure, type MeasureDefinition } from './measures.ts';
import { benchmarkFor, buildBenchmarkData, competitionRanks, quartileOf, type Benchmark, type BenchmarkData } from './ranking.ts';
import * as repo from './repository.ts';

export const LA_LOOKUP_FILE = 'la-lookup.csv';
export const NEIGHBOURS_FILE = 'sn-model-long.csv';
export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0 – Department for Education.';

/** The DfE/MoJ file names the catalogue reads, lower case. */
export function expectedDataFiles(measures: readonly MeasureDefinition[] = MEASURES): string[] {
  return [...new Set(measures.map((m) => m.source.file.toLowerCase()))].sort();
}

export interface LocatedFiles {
  /** Folder the DfE files were read from. */
  dataDir: string;
  /** Full paths of the recognised DfE/MoJ files found. */
  dataFiles: string[];
  laLookup: string | undefined;
  neighbours: string | undefined;
  /** Files in the data folder that are not benchmark files (ignored). */
  ignored: string[];
  problems: Problem[];
}

const listFiles = (dir: string) => {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
};

export function locateBenchmarkFiles(folder: string): LocatedFiles {
  const problems: Problem[] = [];
  const expected = expectedDataFiles();
  const abs = path.resolve(folder);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    return { dataDir: abs, dataFiles: [], laLookup: undefined, neighbours: undefined, ignored: [], problems: [{ file: folder, row: null, column: null, value: null, message: 'folder not found', severity: 'error' }] };
  }
  const recognised = (dir: string) => listFiles(dir).filter((e) => e.isFile() && expected.includes(e.name.toLowerCase()));
  let dataDir = abs;
  if (recognised(abs).length === 0) {
    const sub = listFiles(abs).filter((e) => e.isDirectory() && /^dfe-/i.test(e.name) && recognised(path.join(abs, e.name)).length > 0).map((e) => e.name).sort();
    if (sub.length) dataDir = path.join(abs, sub[sub.length - 1]!);
  }
  const entries = listFiles(dataDir).filter((e) => e.isFile());
  const dataFiles = entries.filter((e) => expected.includes(e.name.toLowerCase())).map((e) => path.join(dataDir, e.name)).sort();
  const found = new Set(dataFiles.map((f) => path.basename(f).toLowerCase()));
  for (const name of expected) {
    if (!found.has(name)) {
      const measures = MEASURES.filter((m) => m.source.file.toLowerCase() === name).map((m) => m.id);
      problems.push({ file: name, row: null, column: null, value: null, message: `file not found in ${dataDir}; without it these measures cannot be imported: ${measures.join(', ')}`, severity: 'error' });
    }
  }
  const ignored = entries.map((e) => e.name).filter((n) => !expected.includes(n.toLowerCase()) && ![LA_LOOKUP_FILE, NEIGHBOURS_FILE].includes(n.toLowerCase())).sort();

  const findLait = (name: string): string | undefined => {
    const inData = entries.find((e) => e.name.toLowerCase() === name);
    if (inData) return path.join(dataDir, inData.name);
    for (const base of [path.dirname(dataDir), abs]) {
      const siblings = listFiles(base).filter((e) => e.isDirectory() && /^lait-/i.test(e.name)).map((e) => e.name).sort().reverse();
      for (const s of siblings) {
        const hit = listFiles(path.join(base, s)).find((e) => e.isFile() && e.name.toLowerCase() === name);
        if (hit) return path.join(base, s, hit.name);
      }
      const direct = listFiles(base).find((e) => e.isFile() && e.name.toLowerCase() === name);
      if (direct) return path.join(base, direct.name);
    }
    problems.push({ file: name, row: null, column: null, value: null, message: `file not found in ${dataDir} nor in a sibling lait-* folder`, severity: 'error' });
    return undefined;
  };
  const laLookup = findLait(LA_LOOKUP_FILE);
  const neighbours = findLait(NEIGHBOURS_FILE);
  return { dataDir, dataFiles, laLookup, neighbours, ignored, problems };
}

export interface ImportOutcome {
  ok: boolean;
  /** The benchmark_import row (recorded for clean and rejected imports). */
  importId: number | undefined;
  source: string;
  files: string[];
  las: number;
  neighbours: number;
  values: number;
  problems: Problem[];
  errors: Problem[];
  warnings: Problem[];
  ms: { parse: number; write: number; total: number };
}

export interface ImportOptions {
  /** Recorded as benchmark_import.actor and the audit actor, e.g. "cli:alice" or "system:first-start". */
  actor: string;
  /** Shown as benchmark_import.source (defaults to the folder). */
  sourceLabel?: string;
  /** Import only when there are no benchmark rows yet (first start); checked under the lock. */
  onlyIfEmpty?: boolean;
}

/** Reads and checks every file; nothing touches the database. */
export function parseBenchmarkFolder(folder: string) {
  const located = locateBenchmarkFiles(folder);
  const problems: Problem[] = [...located.problems];
  const read = (p: string) => fs.readFileSync(p, 'utf8');
  let las: LaRecord[] = [];
  let neighbours: StatisticalNeighbour[] = [];
  if (located.laLookup) {
    const r = parseLaLookup(read(located.laLookup), path.basename(located.laLookup));
    las = r.las;
    problems.push(...r.problems);
  }
  if (located.neighbours) {
    const r = parseStatisticalNeighbours(read(located.neighbours), las, path.basename(located.neighbours));
    neighbours = r.neighbours;
    problems.push(...r.problems);
  }
  const files: InputFile[] = located.dataFiles.map((p) => ({ name: path.basename(p), text: read(p) }));
  // Values are read only against a usable LA lookup; without one every LA would be "unknown".
  const parsed = las.length ? parseBenchmarkFiles(files, las) : { values: [], problems: [] };
  problems.push(...parsed.problems);
  for (const name of located.ignored) problems.push({ file: name, row: null, column: null, value: null, message: 'not a recognised benchmark file; ignored', severity: 'info' });
  const usedFiles = [...located.dataFiles, located.laLookup, located.neighbours].filter((f): f is string => Boolean(f));
  return { located, las, neighbours, values: parsed.values, problems, files: usedFiles };
}

export async function importBenchmarkFolder(db: Kysely<DB>, folder: string, opts: ImportOptions): Promise<ImportOutcome & { skipped?: boolean }> {
  const started = performance.now();
  const parsed = parseBenchmarkFolder(folder);
  const parseMs = performance.now() - started;
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  const warnings = parsed.problems.filter((p) => p.severity === 'warning');
  const source = opts.sourceLabel ?? folder;
  const base = {
    source, files: parsed.files.map((f) => path.basename(f)), las: parsed.las.length, neighbours: parsed.neighbours.length,
    values: parsed.values.length, problems: parsed.problems, errors, warnings,
  };
  if (errors.length > 0) {
    const importId = await asSystem(db, async (trx) => {
      const id = await repo.recordImport(trx, { source, fileCount: parsed.files.length, rowCount: 0, problems: parsed.problems.filter((p) => p.severity !== 'info'), status: 'rejected', actor: opts.actor });
      await audit(trx, { actorLabel: opts.actor, areaId: null }, { action: 'benchmarks.import-rejected', entityType: 'benchmark_import', entityId: String(id), detail: { errors: errors.length } });
      return id;
    });
    const total = performance.now() - started;
    return { ok: false, importId, ...base, ms: { parse: parseMs, write: total - parseMs, total } };
  }
  const writeStarted = performance.now();
  const result = await asSystem(db, async (trx) => {
    // One importer at a time (two servers starting together on one PostgreSQL database, say).
    await sql`select pg_advisory_xact_lock(hashtext('joinedup.benchmarks.import'))`.execute(trx);
    if (opts.onlyIfEmpty && (await repo.hasBenchmarks(trx))) return undefined;
    await repo.replaceAll(trx, parsed);
    const id = await repo.recordImport(trx, { source, fileCount: parsed.files.length, rowCount: parsed.values.length, problems: parsed.problems.filter((p) => p.severity !== 'info'), status: 'succeeded', actor: opts.actor });
    await audit(trx, { actorLabel: opts.actor, areaId: null }, { action: 'benchmarks.imported', entityType: 'benchmark_import', entityId: String(id), detail: { values: parsed.values.length, las: parsed.las.length, files: parsed.files.length } });
    return id;
  });
  const end = performance.now();
  return { ok: true, importId: result, ...base, ms: { parse: parseMs, write: end - writeStarted, total: end - started }, ...(result === undefined ? { skipped: true } : {}) };
}

/** "file line 12, column PC_x: message" — how a problem is shown to a person. */
export function describeProblem(p: Problem): string {
  const where = [p.file, p.row !== null ? `line ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
  return `${where}: ${p.message}${p.value !== null && p.value !== '' && !p.message.includes(p.value) ? ` (value "${p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value}")` : ''}`;
}

// ── Reading ───────────────────────────────────────────────────────────────────

export interface Snapshot {
  importId: number;
  importedAt: Date;
  las: LaRecord[];
  lasByCode: Map<string, LaRecord>;
  /** measure → years with data, newest first. */
  years: Map<string, number[]>;
  base: BenchmarkData;
}

const BY_NAME = new Intl.Collator('en-GB');

export interface RankingRow {
  code: string;
  name: string;
  regionName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rank: number | null;
  quartile: number | null;
}

/**
 * Reads benchmarks for pages and the API. The LA lookup, neighbour model and catalogue of years are
 * loaded once per import; each measure-year slice (~170 rows) is loaded once and kept (at most
 * `maxSlices`). Which import is current is checked at most every `recheckMs` (one indexed query), so
 * an import by another process (the CLI) is picked up within that time; `invalidate()` forces it.
 */
export class BenchmarkReader {
  private readonly db: Kysely<DB>;
  private readonly maxSlices: number;
  private readonly recheckMs: number;
  private snapshot: Promise<Snapshot | null> | undefined;
  private snapshotId: number | null | undefined;
  private checkedAt = -Infinity;
  private readonly slices = new Map<string, Promise<BenchmarkData>>();

  constructor(db: Kysely<DB>, opts: { maxSlices?: number; recheckMs?: number } = {}) {
    this.db = db;
    this.maxSlices = opts.maxSlices ?? 200;
    this.recheckMs = opts.recheckMs ?? 2000;
  }

  /** Forget which import is current: the next call looks again. */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  /** The current data, or null when nothing has been imported. */
  async current(): Promise<Snapshot | null> {
    if (this.snapshot && performance.now() - this.checkedAt < this.recheckMs) return this.snapshot;
    const latest = await repo.latestImport(this.db);
    this.checkedAt = performance.now();
    const id = latest?.id ?? null;
    if (this.snapshot === undefined || this.snapshotId !== id) {
      this.snapshotId = id;
      this.slices.clear();
      this.snapshot = latest ? this.loadSnapshot(latest.id, latest.importedAt) : Promise.resolve(null);
      this.snapshot.catch(() => { this.snapshot = undefined; });
    }
    return this.snapshot;
  }

  private async loadSnapshot(importId: number, importedAt: Date): Promise<Snapshot> {
    const [las, neighbours, catalogue] = await Promise.all([repo.loadLas(this.db), repo.loadNeighbours(this.db), repo.loadCatalogue(this.db)]);
    const years = new Map<string, number[]>();
    for (const r of catalogue) (years.get(r.measure) ?? years.set(r.measure, []).get(r.measure)!).push(r.year);
    for (const list of years.values()) list.sort((a, b) => b - a);
    return { importId, importedAt, las, lasByCode: new Map(las.map((l) => [l.code, l])), years, base: buildBenchmarkData({ values: [], las, neighbours }) };
  }

  async slice(snap: Snapshot, measure: string, year: number): Promise<BenchmarkData> {
    const key = `${snap.importId}|${measure}|${year}`;
    let hit = this.slices.get(key);
    if (!hit) {
      if (this.slices.size >= this.maxSlices) this.slices.delete(this.slices.keys().next().value!);
      hit = repo.loadSlice(this.db, measure, year).then((values) => ({ ...buildBenchmarkData({ values, las: [], neighbours: [] }), las: snap.base.las, neighbours: snap.base.neighbours }));
      hit.catch(() => this.slices.delete(key));
      this.slices.set(key, hit);
    }
    return hit;
  }

  async benchmark(snap: Snapshot, measure: string, la: string, year: number): Promise<Benchmark> {
    return benchmarkFor(measure, la, year, await this.slice(snap, measure, year));
  }

  /** True when the council has a row (a value, or a suppressed one) for the measure and year. */
  async hasRow(snap: Snapshot, measure: string, year: number, code: string): Promise<boolean> {
    return Boolean((await this.slice(snap, measure, year)).slices.get(`${measure}|${year}`)?.las.has(code));
  }

  /** Every LA in the slice: ranked ones first by rank (then name), then those with no value by name. */
  async ranking(snap: Snapshot, measure: MeasureDefinition, year: number): Promise<RankingRow[]> {
    const data = await this.slice(snap, measure.id, year);
    const slice = data.slices.get(`${measure.id}|${year}`);
    const values = slice ? [...slice.las.values()] : [];
    const ranks = competitionRanks(values.map((v) => ({ code: v.code, value: v.value })), measure.polarity);
    const rows = values.map((v) => {
      const la = snap.lasByCode.get(v.code);
      const rank = ranks.get(v.code) ?? null;
      return {
        code: v.code, name: la?.name ?? v.name, regionName: la?.regionName ?? '',
        value: v.value, numerator: v.numerator ?? null, denominator: v.denominator ?? null,
        rank, quartile: rank === null ? null : quartileOf(rank, ranks.size),
      };
    });
    return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || BY_NAME.compare(a.name, b.name));
  }

  /** England, region and LA across the years of a measure. */
  async series(measure: string, codes: readonly string[]) {
    return repo.loadSeries(this.db, measure, codes);
  }
}

/** A value as the API and exports give it: percentages to one decimal place. */
export function present(value: number | null | undefined, unit: 'count' | 'percent'): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return unit === 'percent' ? round1(value) : value;
}

/**
 * Parses a `year` parameter for a measure: the published period (2024, 202425) or, for January-census
 * measures, the calendar year of the census (2025 → 202425). Returns undefined when not understood.
 */
export function resolveYear(measure: MeasureDefinition, text: string, available: readonly number[]): number | undefined {
  const t = text.trim();
  if (!/^\d{4}(\d{2})?$/.test(t)) return undefined;
  const n = Number(t);
  if (available.includes(n)) return n;
  if (measure.periodType === 'january-census' && t.length === 4) {
    const census = (n - 1) * 100 + (n % 100);
    if (available.includes(census)) return census;
  }
  return undefined;
}

export { getMeasure };
