// Kysely access to the published benchmark tables. Every function takes the executor it runs on.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { BenchmarkValue, LaRecord, Problem, StatisticalNeighbour } from './import.ts';

/** How many values go into one INSERT (as one jsonb parameter). */
const CHUNK = 4000;

export async function latestImport(db: Executor): Promise<{ id: number; importedAt: Date; source: string; rowCount: number } | undefined> {
  const row = await db.selectFrom('benchmark_import').select(['id', 'imported_at', 'source', 'row_count'])
    .where('status', '=', 'succeeded').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), importedAt: row.imported_at, source: row.source, rowCount: row.row_count } : undefined;
}

export async function hasBenchmarks(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('benchmark_value').select('measure').limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Replaces every benchmark row. Run inside the import's transaction. */
export async function replaceAll(trx: Executor, data: { las: readonly LaRecord[]; neighbours: readonly StatisticalNeighbour[]; values: readonly BenchmarkValue[] }): Promise<void> {
  await sql`delete from benchmark_value`.execute(trx);
  await sql`delete from benchmark_neighbour`.execute(trx);
  await sql`delete from benchmark_la`.execute(trx);
  if (data.las.length) {
    await trx.insertInto('benchmark_la').values(data.las.map((l) => ({ code: l.code, old_code: l.oldCode || null, name: l.name, region_code: l.regionCode, region_name: l.regionName }))).execute();
  }
  for (let i = 0; i < data.neighbours.length; i += CHUNK) {
    const chunk = data.neighbours.slice(i, i + CHUNK).map((n) => ({ la_code: n.laCode, rank: n.rank, neighbour_code: n.neighbourCode, neighbour_name: n.neighbourName, proximity: n.proximity || null }));
    await sql`insert into benchmark_neighbour (la_code, rank, neighbour_code, neighbour_name, proximity)
      select la_code, rank, neighbour_code, neighbour_name, proximity
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(la_code text, rank smallint, neighbour_code text, neighbour_name text, proximity text)`.execute(trx);
  }
  // One jsonb parameter per chunk: ~20,000 values in a handful of statements on both drivers.
  for (let i = 0; i < data.values.length; i += CHUNK) {
    const chunk = data.values.slice(i, i + CHUNK).map((v) => ({
      measure: v.measure, year: v.year, level: v.level, code: v.code, name: v.name,
      value: v.value, numerator: v.numerator ?? null, denominator: v.denominator ?? null,
    }));
    await sql`insert into benchmark_value (measure, year, level, code, name, value, numerator, denominator)
      select measure, year, level, code, name, value, numerator, denominator
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        as x(measure text, year integer, level text, code text, name text, value numeric, numerator numeric, denominator numeric)`.execute(trx);
  }
}

export async function recordImport(db: Executor, entry: { source: string; fileCount: number; rowCount: number; problems: readonly Problem[]; status: 'succeeded' | 'rejected'; actor: string }): Promise<number> {
  const row = await db.insertInto('benchmark_import').values({
    source: entry.source, file_count: entry.fileCount, row_count: entry.rowCount,
    // Keep the record readable: the first 500 problems are plenty to act on.
    problems: JSON.stringify(entry.problems.slice(0, 500)), status: entry.status, actor: entry.actor,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listImports(db: Executor, limit = 20) {
  return db.selectFrom('benchmark_import').select(['id', 'imported_at', 'source', 'file_count', 'row_count', 'status', 'actor'])
    .orderBy('id', 'desc').limit(limit).execute();
}

export async function loadLas(db: Executor): Promise<LaRecord[]> {
  const rows = await db.selectFrom('benchmark_la').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ code: r.code, oldCode: r.old_code ?? '', name: r.name, regionCode: r.region_code, regionName: r.region_name }));
}

export async function loadNeighbours(db: Executor): Promise<StatisticalNeighbour[]> {
  const rows = await db.selectFrom('benchmark_neighbour').selectAll().orderBy('la_code').orderBy('rank').execute();
  return rows.map((r) => ({ laCode: r.la_code, laName: '', rank: Number(r.rank), neighbourCode: r.neighbour_code, neighbourName: r.neighbour_name, proximity: r.proximity ?? '' }));
}

/** measure → years with any value, as published. */
export async function loadCatalogue(db: Executor): Promise<{ measure: string; year: number }[]> {
  return db.selectFrom('benchmark_value').select(['measure', 'year']).distinct().orderBy('measure').orderBy('year').execute();
}

export async function loadSlice(db: Executor, measure: string, year: number): Promise<BenchmarkValue[]> {
  const rows = await db.selectFrom('benchmark_value').select(['level', 'code', 'name', 'value', 'numerator', 'denominator'])
    .where('measure', '=', measure).where('year', '=', year).execute();
  return rows.map((r) => ({ measure, year, level: r.level, code: r.code, name: r.name, value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator) }));
}

/** Values for some areas across every year of a measure (for time-series charts). */
export async function loadSeries(db: Executor, measure: string, codes: readonly string[]): Promise<{ year: number; level: string; code: string; value: number | null }[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('benchmark_value').select(['year', 'level', 'code', 'value'])
    .where('measure', '=', measure).where('code', 'in', [...codes]).orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, level: r.level, code: r.code, value: num(r.value) }));
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
