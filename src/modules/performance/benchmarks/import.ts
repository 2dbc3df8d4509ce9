/**
 * Import of published benchmark data: DfE "Education, health and care plans" EES CSV files, the
 * MoJ/DfE SEND Tribunal appeal-rate table, the LA lookup and the statistical-neighbour model.
 *
 * Pure: text in, values and problems out. Nothing here throws on bad data; every problem is reported
 * with the file, the 1-based line, the column and the raw value, and the import carries on with
 * what it can read.
 *
 * Conventions
 * - `BenchmarkValue.year` is the `time_period` as published, as a number: 2024 (calendar year
 *   2024) or 202425 (January 2025 census). See measures.ts.
 * - Suppressed or unavailable cells (`c`, `x`, `z`, `low`, `u`, `:`, `..`, `~`, and empty cells)
 *   become `null`: missing, never zero.
 * - Percentages are kept exactly as published (DfE publishes one decimal place). The appeal-rate
 *   table prints "1.10%"; that is read as 1.1.
 * - LA codes are the LA lookup's current codes. DfE still publishes North Yorkshire, Somerset and
 *   (in some years) Buckinghamshire under their pre-unitary county codes (E10000023, E10000027,
 *   E10000002); such a row is matched by its 3-digit old LA code when the names agree too, and the
 *   value is stored under the current code (one warning per file and code). Codes that match
 *   nothing (former authorities such as Cumbria or Northamptonshire, or a typing error) are
 *   reported and the value is kept under the published code, so historic rankings stay complete.
 */

import { parseCsv, parseCsvRecords, type CsvIssue, type CsvRecord } from './csv.ts';
import { MEASURES, type AppealRateSource, type EesSource, type MeasureDefinition } from './measures.ts';

export type GeographicLevel = 'national' | 'regional' | 'la';

export interface BenchmarkValue {
  readonly measure: string;
  /** `time_period` as published: 2024 (calendar year) or 202425 (January 2025 census). */
  readonly year: number;
  readonly level: GeographicLevel;
  /** E92000001 for England, the E12 region code, or the LA's (current) GSS code. */
  readonly code: string;
  readonly name: string;
  /** The published value; null when suppressed or unavailable. */
  readonly value: number | null;
  /** Present when the measure has a published numerator; null when that cell is suppressed. */
  readonly numerator?: number | null;
  /** Present when the measure has a published denominator; null when a cell is suppressed. */
  readonly denominator?: number | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  readonly file: string;
  /** 1-based line in the file; null for a problem with the file as a whole. */
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
  /** error: data was not read; warning: read, but check it; info: nothing wrong, for the record. */
  readonly severity: Severity;
}

export interface LaRecord {
  /** Current GSS code (E06, E08, E09 or E10 …). */
  readonly code: string;
  /** DfE 3-digit LA number. */
  readonly oldCode: string;
  readonly name: string;
  readonly regionCode: string;
  readonly regionName: string;
}

export interface StatisticalNeighbour {
  readonly laCode: string;
  readonly laName: string;
  /** 1 = closest. */
  readonly rank: number;
  readonly neighbourCode: string;
  readonly neighbourName: string;
  /** e.g. "Very close", trimmed. */
  readonly proximity: string;
}

export interface InputFile {
  /** File name, optionally with a folder; matched case-insensitively on the last part. */
  readonly name: string;
  readonly text: string;
}

export const ENGLAND_CODE = 'E92000001';

/** Cell values that mean "no figure": suppressed, unavailable or not applicable. */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['c', 'x', 'z', 'low', 'u', ':', '..', '~', '']);

// ── Small helpers ─────────────────────────────────────────────────────────────

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export type CellValue = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'missing' } | { readonly kind: 'invalid' };

/**
 * Read one published cell. Numbers may have thousands separators ("1,071"). Suppression markers
 * and empty cells are missing. Anything else is invalid.
 */
export function readCell(raw: string): CellValue {
  const s = raw.trim();
  if (MISSING_MARKERS.has(s.toLowerCase())) return { kind: 'missing' };
  if (PLAIN_NUMBER.test(s)) return { kind: 'number', value: Number(s) };
  if (GROUPED_NUMBER.test(s)) return { kind: 'number', value: Number(s.replaceAll(',', '')) };
  return { kind: 'invalid' };
}

/** Round half away from zero to one decimal place, without binary floating-point surprises. */
export function round1(x: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const text = String(abs);
  if (text.includes('e')) return (sign * Math.round(abs * 10)) / 10;
  return sign * Number(`${Math.round(Number(`${text}e1`))}e-1`);
}

function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return (parts[parts.length - 1] ?? name).trim().toLowerCase();
}

/** Normalise an LA name for matching: case, punctuation, "City of"/"County of" suffixes, "County" prefix. */
export function normaliseLaName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/,\s*(city|county) of\s*$/, '')
    .replace(/^county\s+/, '')
    .replace(/[.,'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function csvIssueProblems(file: string, issues: readonly CsvIssue[]): Problem[] {
  return issues.map((i) => ({
    file,
    row: i.line,
    column: null,
    value: null,
    message: `CSV: ${i.message}`,
    severity: i.message.includes('never closed') ? ('error' as const) : ('warning' as const),
  }));
}

interface HeaderIndex {
  readonly index: Map<string, number>;
}

/** Map column names to positions; repeated names are reported and the first one is used. */
function indexHeader(file: string, header: readonly string[], headerLine: number, problems: Problem[]): HeaderIndex {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (index.has(name)) {
      problems.push({
        file,
        row: headerLine,
        column: name,
        value: name,
        message: `column "${name}" appears more than once; the first one (column ${(index.get(name) ?? 0) + 1}) is used`,
        severity: 'warning',
      });
    } else {
      index.set(name, i);
    }
  });
  return { index };
}

function fieldCountProblem(file: string, record: CsvRecord, expected: number): Problem {
  return {
    file,
    row: record.line,
    column: null,
    value: record.fields.slice(0, 12).join(','),
    message: `row has ${record.fields.length} fields but the header has ${expected} (truncated or malformed row); row skipped`,
    severity: 'error',
  };
}

function requireColumns(file: string, hi: HeaderIndex, headerLine: number, columns: readonly string[], why: string, problems: Problem[]): boolean {
  let ok = true;
  for (const c of columns) {
    if (!hi.index.has(c)) {
      ok = false;
      problems.push({
        file,
        row: headerLine,
        column: c,
        value: null,
        message: `required column "${c}" is missing (renamed or dropped?); ${why}`,
        severity: 'error',
      });
    }
  }
  return ok;
}

// ── LA lookup ─────────────────────────────────────────────────────────────────

const LA_CODE = /^E(06|07|08|09|10)\d{6}$/;
const REGION_CODE = /^E12\d{6}$/;
const OLD_LA_CODE = /^\d{3}$/;

export function parseLaLookup(text: string, fileName = 'la-lookup.csv'): { las: LaRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const table = parseCsv(text);
  problems.push(...csvIssueProblems(fileName, table.issues));
  const hi = indexHeader(fileName, table.header, table.headerLine, problems);
  const cols = ['la_code', 'old_la_code', 'la_name', 'region_code', 'region_name'];
  if (!requireColumns(fileName, hi, table.headerLine, cols, 'the LA lookup cannot be read', problems)) return { las: [], problems };
  const [iCode, iOld, iName, iRegion, iRegionName] = cols.map((c) => hi.index.get(c) ?? -1) as [number, number, number, number, number];

  const las: LaRecord[] = [];
  const seen = new Set<string>();
  const seenOld = new Map<string, string>();
  for (const r of table.rows) {
    if (r.fields.length !== table.header.length) {
      problems.push(fieldCountProblem(fileName, r, table.header.length));
      continue;
    }
    const f = (i: number) => (r.fields[i] ?? '').trim();
    const code = f(iCode);
    const oldCode = f(iOld);
    const name = f(iName);
    const regionCode = f(iRegion);
    const regionName = f(iRegionName);
    const bad = (column: string, value: string, message: string, severity: Severity = 'error') =>
      problems.push({ file: fileName, row: r.line, column, value, message, severity });
    if (!LA_CODE.test(code)) {
      bad('la_code', code, 'not an English LA GSS code (E06/E07/E08/E09/E10 + 6 digits); row skipped');
      continue;
    }
    if (seen.has(code)) {
      bad('la_code', code, 'duplicate LA code; the first row is used');
      continue;
    }
    if (!name) {
      bad('la_name', name, 'LA name is empty; row skipped');
      continue;
    }
    if (!REGION_CODE.test(regionCode)) {
      bad('region_code', regionCode, 'not a region GSS code (E12 + 6 digits); row skipped');
      continue;
    }
    if (!OLD_LA_CODE.test(oldCode)) bad('old_la_code', oldCode, 'old LA code is not 3 digits', 'warning');
    else if (seenOld.has(oldCode)) bad('old_la_code', oldCode, `old LA code is also used by ${seenOld.get(oldCode)}`, 'warning');
    else seenOld.set(oldCode, code);
    seen.add(code);
    las.push({ code, oldCode, name, regionCode, regionName });
  }
  return { las, problems };
}

export interface LaIndex {
  readonly byCode: ReadonlyMap<string, LaRecord>;
  readonly byOldCode: ReadonlyMap<string, LaRecord>;
  readonly byName: ReadonlyMap<string, LaRecord>;
  /** region code → region name */
  readonly regions: ReadonlyMap<string, string>;
}

export function indexLas(las: readonly LaRecord[]): LaIndex {
  const byCode = new Map<string, LaRecord>();
  const byOldCode = new Map<string, LaRecord>();
  const byName = new Map<string, LaRecord>();
  const regions = new Map<string, string>();
  for (const la of las) {
    if (!byCode.has(la.code)) byCode.set(la.code, la);
    if (la.oldCode && !byOldCode.has(la.oldCode)) byOldCode.set(la.oldCode, la);
    const n = normaliseLaName(la.name);
    if (!byName.has(n)) byName.set(n, la);
    if (!regions.has(la.regionCode)) regions.set(la.regionCode, la.regionName);
  }
  return { byCode, byOldCode, byName, regions };
}

// ── Statistical neighbours ────────────────────────────────────────────────────

export function parseStatisticalNeighbours(
  text: string,
  las?: readonly LaRecord[],
  fileName = 'sn-model-long.csv',
): { neighbours: StatisticalNeighbour[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const table = parseCsv(text);
  problems.push(...csvIssueProblems(fileName, table.issues));
  const hi = indexHeader(fileName, table.header, table.headerLine, problems);
  if (!requireColumns(fileName, hi, table.headerLine, ['la_code', 'SN', 'SN_code'], 'statistical neighbours cannot be read', problems)) {
    return { neighbours: [], problems };
  }
  const at = (r: CsvRecord, col: string) => {
    const i = hi.index.get(col);
    return i === undefined ? '' : (r.fields[i] ?? '').trim();
  };
  const index = las ? indexLas(las) : undefined;
  const neighbours: StatisticalNeighbour[] = [];
  const seenRank = new Set<string>();
  const seenPair = new Set<string>();
  const reportedUnknown = new Set<string>();
  const perLa = new Map<string, number>();
  for (const r of table.rows) {
    if (r.fields.length !== table.header.length) {
      problems.push(fieldCountProblem(fileName, r, table.header.length));
      continue;
    }
    const bad = (column: string, value: string, message: string, severity: Severity = 'error') =>
      problems.push({ file: fileName, row: r.line, column, value, message, severity });
    const laCode = at(r, 'la_code');
    const snCode = at(r, 'SN_code');
    const rankText = at(r, 'SN');
    if (!LA_CODE.test(laCode)) {
      bad('la_code', laCode, 'not an English LA GSS code; row skipped');
      continue;
    }
    if (!LA_CODE.test(snCode)) {
      bad('SN_code', snCode, 'not an English LA GSS code; row skipped');
      continue;
    }
    if (!/^\d+$/.test(rankText) || Number(rankText) < 1 || Number(rankText) > 10) {
      bad('SN', rankText, 'neighbour rank must be a whole number from 1 to 10; row skipped');
      continue;
    }
    if (snCode === laCode) {
      bad('SN_code', snCode, 'an LA cannot be its own statistical neighbour; row skipped');
      continue;
    }
    const rank = Number(rankText);
    if (seenRank.has(`${laCode}|${rank}`)) {
      bad('SN', rankText, `duplicate neighbour rank ${rank} for ${laCode}; the first row is used`);
      continue;
    }
    if (seenPair.has(`${laCode}|${snCode}`)) {
      bad('SN_code', snCode, `${snCode} is listed twice as a neighbour of ${laCode}; the first row is used`);
      continue;
    }
    if (index) {
      for (const [column, code] of [['la_code', laCode], ['SN_code', snCode]] as const) {
        if (!index.byCode.has(code) && !reportedUnknown.has(code)) {
          reportedUnknown.add(code);
          bad(column, code, 'LA code is not in the LA lookup', 'warning');
        }
      }
    }
    seenRank.add(`${laCode}|${rank}`);
    seenPair.add(`${laCode}|${snCode}`);
    perLa.set(laCode, (perLa.get(laCode) ?? 0) + 1);
    neighbours.push({
      laCode,
      laName: at(r, 'la_name') || index?.byCode.get(laCode)?.name || laCode,
      rank,
      neighbourCode: snCode,
      neighbourName: at(r, 'SN_name') || index?.byCode.get(snCode)?.name || snCode,
      proximity: at(r, 'SN_prox'),
    });
  }
  for (const [laCode, count] of perLa) {
    if (count !== 10) {
      problems.push({ file: fileName, row: null, column: 'la_code', value: laCode, message: `${laCode} has ${count} statistical neighbours, not 10`, severity: 'warning' });
    }
  }
  if (index) {
    for (const la of index.byCode.values()) {
      if (!perLa.has(la.code)) {
        problems.push({ file: fileName, row: null, column: 'la_code', value: la.code, message: `${la.name} (${la.code}) has no statistical neighbours`, severity: 'warning' });
      }
    }
  }
  neighbours.sort((a, b) => (a.laCode < b.laCode ? -1 : a.laCode > b.laCode ? 1 : a.rank - b.rank));
  return { neighbours, problems };
}

// ── Benchmark files ───────────────────────────────────────────────────────────

const EES_BASE_COLUMNS = [
  'time_period',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'new_la_code',
  'old_la_code',
  'la_name',
];

const TIME_PERIOD = /^\d{4}(\d{2})?$/;

/**
 * Read the DfE EHC plan files and the appeal-rate table into benchmark values.
 * Files are recognised by name (see measures.ts); others are ignored with an `info` problem.
 * `measures` defaults to the full catalogue.
 */
export function parseBenchmarkFiles(
  files: readonly InputFile[],
  las: readonly LaRecord[],
  measures: readonly MeasureDefinition[] = MEASURES,
): { values: BenchmarkValue[]; problems: Problem[] } {
  const index = indexLas(las);
  const values: BenchmarkValue[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, { file: string; row: number }>();
  const emit = (v: BenchmarkValue, file: string, row: number, column: string) => {
    const key = `${v.measure}|${v.year}|${v.level}|${v.code}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        file,
        row,
        column,
        value: v.value === null ? null : String(v.value),
        message: `duplicate: ${v.measure} ${v.year} for ${v.name} (${v.code}) was already read from ${first.file} line ${first.row}; the first is kept`,
        severity: 'error',
      });
      return;
    }
    seen.set(key, { file, row });
    values.push(v);
  };

  for (const file of files) {
    const base = baseName(file.name);
    const forFile = measures.filter((m) => m.source.file.toLowerCase() === base);
    if (forFile.length === 0) {
      problems.push({ file: file.name, row: null, column: null, value: null, message: 'not a recognised benchmark file; ignored', severity: 'info' });
      continue;
    }
    const ees = forFile.filter((m): m is MeasureDefinition & { source: EesSource } => m.source.format === 'ees');
    const appeal = forFile.filter((m): m is MeasureDefinition & { source: AppealRateSource } => m.source.format === 'moj-appeal-rate');
    if (ees.length > 0) readEesFile(file, ees, index, emit, problems);
    if (appeal.length > 0) readAppealRateFile(file, appeal, index, emit, problems);
  }
  return { values, problems };
}

type Emit = (v: BenchmarkValue, file: string, row: number, column: string) => void;

interface PlannedMeasure {
  readonly def: MeasureDefinition;
  readonly filter: readonly (readonly [number, string])[];
  readonly value: number;
  readonly numerator: number | undefined;
  readonly denominator: readonly number[] | undefined;
  readonly numeratorColumn: string | undefined;
  readonly denominatorColumns: readonly string[] | undefined;
  matched: number;
}

function readEesFile(
  file: InputFile,
  measures: readonly (MeasureDefinition & { source: EesSource })[],
  las: LaIndex,
  emit: Emit,
  problems: Problem[],
): void {
  const name = file.name;
  const { records, issues } = parseCsvRecords(file.text);
  problems.push(...csvIssueProblems(name, issues));
  const headerRecord = records[0];
  if (!headerRecord) {
    problems.push({ file: name, row: null, column: null, value: null, message: 'file is empty', severity: 'error' });
    return;
  }
  const header = headerRecord.fields.map((h) => h.trim());
  const headerLine = headerRecord.line;
  const hi = indexHeader(name, header, headerLine, problems);
  const filterColumns = [...new Set(measures.flatMap((m) => Object.keys(m.source.filter)))];
  if (!requireColumns(name, hi, headerLine, [...EES_BASE_COLUMNS, ...filterColumns], 'no values can be read from this file', problems)) {
    // Still report malformed rows so the whole picture is visible.
    for (const r of records.slice(1)) if (r.fields.length !== header.length) problems.push(fieldCountProblem(name, r, header.length));
    return;
  }
  const col = (c: string) => hi.index.get(c) ?? -1;

  const planned: PlannedMeasure[] = [];
  for (const m of measures) {
    const s = m.source;
    if (!requireColumns(name, hi, headerLine, [s.valueColumn], `measure ${m.id} cannot be read`, problems)) continue;
    let numeratorColumn = s.numeratorColumn;
    let denominatorColumns = s.denominatorColumns;
    if (numeratorColumn && !requireColumns(name, hi, headerLine, [numeratorColumn], `the numerator of ${m.id} is not read`, problems)) {
      numeratorColumn = undefined;
    }
    if (denominatorColumns && !requireColumns(name, hi, headerLine, denominatorColumns, `the denominator of ${m.id} is not read`, problems)) {
      denominatorColumns = undefined;
    }
    planned.push({
      def: m,
      filter: Object.entries(s.filter).map(([c, v]) => [col(c), v] as const),
      value: col(s.valueColumn),
      numerator: numeratorColumn ? col(numeratorColumn) : undefined,
      denominator: denominatorColumns?.map(col),
      numeratorColumn,
      denominatorColumns,
      matched: 0,
    });
  }

  const iPeriod = col('time_period');
  const iLevel = col('geographic_level');
  const iCountry = col('country_code');
  const iCountryName = col('country_name');
  const iRegion = col('region_code');
  const iRegionName = col('region_name');
  const iLa = col('new_la_code');
  const iOldLa = col('old_la_code');
  const iLaName = col('la_name');
  const reportedOnce = new Set<string>();
  const once = (key: string, p: Problem) => {
    if (reportedOnce.has(key)) return;
    reportedOnce.add(key);
    problems.push(p);
  };

  for (let k = 1; k < records.length; k++) {
    const r = records[k] as CsvRecord;
    const f = r.fields;
    if (f.length !== header.length) {
      problems.push(fieldCountProblem(name, r, header.length));
      continue;
    }
    const matching = planned.filter((p) => p.filter.every(([i, v]) => f[i] === v));
    if (matching.length === 0) continue;
    const at = (i: number) => (f[i] ?? '').trim();

    const periodText = at(iPeriod);
    if (!TIME_PERIOD.test(periodText)) {
      problems.push({ file: name, row: r.line, column: 'time_period', value: periodText, message: 'time_period is not a year (2024) or academic year (202425); row skipped', severity: 'error' });
      continue;
    }
    const year = Number(periodText);

    const levelText = at(iLevel);
    let level: GeographicLevel;
    let code: string;
    let areaName: string;
    if (levelText === 'National') {
      level = 'national';
      code = at(iCountry);
      areaName = at(iCountryName) || 'England';
      if (code !== ENGLAND_CODE) {
        once(`country|${code}`, { file: name, row: r.line, column: 'country_code', value: code, message: `national row has country code "${code}", expected ${ENGLAND_CODE} (England)`, severity: 'warning' });
      }
    } else if (levelText === 'Regional') {
      level = 'regional';
      code = at(iRegion);
      areaName = at(iRegionName);
      if (!las.regions.has(code)) {
        once(`region|${code}`, { file: name, row: r.line, column: 'region_code', value: code, message: `region code "${code}" (${areaName}) is not in the LA lookup`, severity: 'warning' });
      }
    } else if (levelText === 'Local authority') {
      level = 'la';
      const published = at(iLa);
      const publishedName = at(iLaName);
      const oldCode = at(iOldLa);
      const direct = las.byCode.get(published);
      if (direct) {
        code = direct.code;
        areaName = direct.name;
      } else {
        const byOld = las.byOldCode.get(oldCode);
        if (byOld && normaliseLaName(byOld.name) === normaliseLaName(publishedName)) {
          code = byOld.code;
          areaName = byOld.name;
          once(`la-mapped|${published}`, {
            file: name,
            row: r.line,
            column: 'new_la_code',
            value: published,
            message: `LA code ${published} (${publishedName}) is not in the LA lookup; matched by old LA code ${oldCode} to ${byOld.code} ${byOld.name} (first such row; later rows are matched the same way)`,
            severity: 'warning',
          });
        } else {
          code = published;
          areaName = publishedName;
          once(`la-unknown|${published}`, {
            file: name,
            row: r.line,
            column: 'new_la_code',
            value: published,
            message: `unknown LA code ${published} (${publishedName}): not in the LA lookup (a former authority, or a mistyped code); values are kept under the published code (first such row)`,
            severity: 'warning',
          });
        }
      }
    } else {
      once(`level|${levelText}`, { file: name, row: r.line, column: 'geographic_level', value: levelText, message: `geographic level "${levelText}" is not National, Regional or Local authority; such rows are skipped`, severity: 'warning' });
      continue;
    }

    for (const p of matching) {
      p.matched += 1;
      const number = (i: number, column: string): number | null => {
        const raw = f[i] ?? '';
        const cell = readCell(raw);
        if (cell.kind === 'number') return cell.value;
        if (cell.kind === 'invalid') {
          problems.push({ file: name, row: r.line, column, value: raw, message: `"${raw}" is neither a number nor a suppression code (c, x, z, low, u, :, ..); read as missing`, severity: 'error' });
        } else if (raw.trim() === '') {
          problems.push({ file: name, row: r.line, column, value: raw, message: 'empty cell; read as missing', severity: 'warning' });
        }
        return null;
      };
      const value = number(p.value, p.def.source.format === 'ees' ? p.def.source.valueColumn : '');
      let numerator: number | null | undefined;
      let denominator: number | null | undefined;
      if (p.numerator !== undefined && p.numeratorColumn) numerator = number(p.numerator, p.numeratorColumn);
      if (p.denominator && p.denominatorColumns) {
        const parts = p.denominator.map((i, j) => number(i, p.denominatorColumns?.[j] ?? ''));
        denominator = parts.some((x) => x === null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      }
      emit(
        {
          measure: p.def.id,
          year,
          level,
          code,
          name: areaName,
          value,
          ...(numerator !== undefined ? { numerator } : {}),
          ...(denominator !== undefined ? { denominator } : {}),
        },
        name,
        r.line,
        (p.def.source as EesSource).valueColumn,
      );
    }
  }

  for (const p of planned) {
    if (p.matched === 0) {
      const filter = Object.entries((p.def.source as EesSource).filter)
        .map(([c, v]) => `${c} = "${v}"`)
        .join(', ');
      problems.push({ file: name, row: null, column: null, value: null, message: `no rows match ${filter} for measure ${p.def.id} (breakdown renamed?)`, severity: 'error' });
    }
  }
}

// ── MoJ/DfE SEND Tribunal appeal-rate table ────────────────────────────────────

type AppealKind = 'appeals' | 'decisions' | 'rate' | 'dev-decisions' | 'dev-rate';

function appealKind(heading: string): AppealKind | null {
  const h = heading.trim().toLowerCase();
  if (h.startsWith('in development:')) {
    if (h.includes('appealable decisions')) return 'dev-decisions';
    if (h.includes('appeal rate')) return 'dev-rate';
    return null;
  }
  if (h.startsWith('appeals registered')) return 'appeals';
  if (h.startsWith('total appealable decisions')) return 'decisions';
  if (h.startsWith('send tribunal appeal rate')) return 'rate';
  return null;
}


/** Strip footnote markers: "Bournemouth5" → "Bournemouth", "England Total4,9" → "England Total". */
function stripFootnotes(s: string): string {
  return s.trim().replace(/\s*\d+(?:,\d+)*$/, '').trim();
}

/** MoJ tables print "-" for nil; that is a real zero. Everything else follows readCell. */
function readAppealCell(raw: string): CellValue {
  const s = raw.trim();
  if (s === '-') return { kind: 'number', value: 0 };
  if (s.endsWith('%')) {
    const inner = readCell(s.slice(0, -1));
    return inner.kind === 'number' ? { kind: 'number', value: round1(inner.value) } : inner;
  }
  return readCell(s);
}

function readAppealRateFile(
  file: InputFile,
  measures: readonly (MeasureDefinition & { source: AppealRateSource })[],
  las: LaIndex,
  emit: Emit,
  problems: Problem[],
): void {
  const name = file.name;
  const { records, issues } = parseCsvRecords(file.text);
  problems.push(...csvIssueProblems(name, issues));

  const headerAt = records.findIndex((r) => (r.fields[0] ?? '').trim().toLowerCase() === 'local authority');
  const headerRecord = records[headerAt];
  const subRecord = records[headerAt + 1];
  if (headerAt < 0 || !headerRecord || !subRecord) {
    problems.push({ file: name, row: null, column: 'Local Authority', value: null, message: 'header row starting "Local Authority" not found; no values read', severity: 'error' });
    return;
  }
  const width = headerRecord.fields.length;

  // Column → (year, kind), carrying each year label across its group of columns.
  const columns = new Map<string, number>(); // `${year}|${kind}` → column index
  let year: number | null = null;
  for (let j = 2; j < width; j++) {
    const y = (headerRecord.fields[j] ?? '').trim();
    if (y) {
      if (/^\d{4}$/.test(y)) year = Number(y);
      else {
        problems.push({ file: name, row: headerRecord.line, column: `column ${j + 1}`, value: y, message: 'year heading is not a 4-digit year; its columns are skipped', severity: 'warning' });
        year = null;
      }
    }
    const kind = appealKind(subRecord.fields[j] ?? '');
    if (year !== null && kind) columns.set(`${year}|${kind}`, j);
  }
  const years = [...new Set([...columns.keys()].map((k) => Number(k.split('|')[0])))].sort();
  const need: AppealKind[] = [];
  for (const m of measures) {
    for (const h of [m.source.valueHeading, m.source.numeratorHeading, m.source.denominatorHeading]) {
      const k = h ? appealKind(h) : null;
      if (k && !need.includes(k)) need.push(k);
    }
  }
  if (years.length === 0) {
    problems.push({ file: name, row: subRecord.line, column: null, value: null, message: 'no year columns found under the "Local Authority" header; no values read', severity: 'error' });
    return;
  }
  for (const y of years) {
    for (const k of need) {
      if (!columns.has(`${y}|${k}`)) {
        problems.push({ file: name, row: subRecord.line, column: `${y} ${k}`, value: null, message: `required column "${k}" for ${y} is missing (renamed?); it is not read`, severity: 'error' });
      }
    }
  }

  for (const r of records.slice(headerAt + 2)) {
    const first = (r.fields[0] ?? '').trim();
    if (/^(sources?|notes?)\s*:/i.test(first)) break;
    if (r.fields.every((x) => x.trim() === '')) continue;
    if (r.fields.length !== width) {
      problems.push(fieldCountProblem(name, r, width));
      continue;
    }
    const rest = r.fields.slice(2).every((x) => x.trim() === '');
    const codeText = (r.fields[1] ?? '').trim();
    if (rest && !codeText) continue; // region heading, e.g. "NORTH EAST", "INNER LONDON"
    const label = stripFootnotes(first);
    if (/^england total excluding/i.test(label)) continue; // an alternative total; the headline total is used

    let level: GeographicLevel;
    let code: string;
    let areaName: string;
    if (/^england( total)?$/i.test(label)) {
      level = 'national';
      code = ENGLAND_CODE;
      areaName = 'England';
    } else {
      level = 'la';
      // The table's own LA codes are unreliable (some are swapped between councils), so rows are
      // matched by name; the code is only cross-checked.
      const byName = las.byName.get(normaliseLaName(label));
      const byCode = OLD_LA_CODE.test(codeText) ? las.byOldCode.get(codeText) : undefined;
      if (!byName) {
        problems.push({
          file: name,
          row: r.line,
          column: 'Local Authority',
          value: label,
          message: `unknown LA "${label}"${codeText ? ` (code ${codeText}${byCode ? `, which the LA lookup gives to ${byCode.name}` : ''})` : ''}: name not in the LA lookup (a former authority?); row skipped`,
          severity: 'warning',
        });
        continue;
      }
      if (byCode && byCode.code !== byName.code) {
        problems.push({
          file: name,
          row: r.line,
          column: 'LA code',
          value: codeText,
          message: `LA code ${codeText} belongs to ${byCode.name} in the LA lookup, but the row is ${label}; matched by name to ${byName.code}`,
          severity: 'warning',
        });
      } else if (!byCode && codeText) {
        problems.push({ file: name, row: r.line, column: 'LA code', value: codeText, message: `LA code ${codeText} is not in the LA lookup; ${label} matched by name`, severity: 'warning' });
      }
      const chosen = byName;
      code = chosen.code;
      areaName = chosen.name;
    }

    for (const y of years) {
      const read = (kind: AppealKind | null): number | null | undefined => {
        if (!kind) return undefined;
        const j = columns.get(`${y}|${kind}`);
        if (j === undefined) return undefined;
        const raw = r.fields[j] ?? '';
        const cell = readAppealCell(raw);
        if (cell.kind === 'number') return cell.value;
        if (cell.kind === 'invalid') {
          problems.push({ file: name, row: r.line, column: `${y} ${(subRecord.fields[j] ?? '').trim()}`, value: raw, message: `"${raw}" is neither a number nor a suppression code; read as missing`, severity: 'error' });
        }
        return null;
      };
      for (const m of measures) {
        const vk = appealKind(m.source.valueHeading);
        const value = read(vk);
        if (value === undefined) continue;
        const numerator = m.source.numeratorHeading ? read(appealKind(m.source.numeratorHeading)) : undefined;
        const denominator = m.source.denominatorHeading ? read(appealKind(m.source.denominatorHeading)) : undefined;
        emit(
          {
            measure: m.id,
            year: y,
            level,
            code,
            name: areaName,
            value,
            ...(m.source.numeratorHeading ? { numerator: numerator ?? null } : {}),
            ...(m.source.denominatorHeading ? { denominator: denominator ?? null } : {}),
          },
          name,
          r.line,
          `${y} ${m.source.valueHeading}`,
        );
      }
    }
  }
}
