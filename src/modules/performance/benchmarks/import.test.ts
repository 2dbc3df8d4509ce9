import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normaliseLaName,
  parseBenchmarkFiles,
  parseLaLookup,
  parseStatisticalNeighbours,
  readCell,
  round1,
  type BenchmarkValue,
  type LaRecord,
  type Problem,
} from './import.ts';

// ── Fixtures ─────────────────────────────────────────────────────────────────

const LOOKUP = `la_code,old_la_code,la_name,region_code,region_name
E06000006,876,Halton,E12000002,North West
E08000013,342,St Helens,E12000002,North West
E06000047,840,County Durham,E12000001,North East
E06000065,815,North Yorkshire,E12000003,Yorkshire and The Humber
E06000018,892,Nottingham,E12000004,East Midlands
E10000024,891,Nottinghamshire,E12000004,East Midlands
E06000010,810,"Kingston upon Hull, City of",E12000003,Yorkshire and The Humber
`;
const las: LaRecord[] = parseLaLookup(LOOKUP).las;

const TIMELINESS_HEADER =
  '\uFEFFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,plans_issued_den,plans_issued_den_ex,plans_issued_within_20_weeks,plans_issued_20_weeks_ex,pc_plans_issued_within_20_weeks,PC_plans_issued_20_weeks_ex,plans_issued_gt20weeks_ltYear,plans_issued_gt20weeks_ltYear_ex,pc_plans_issued_gt20weeks_ltYear,PC_plans_issued_gt20weeks_ltYear_ex,plans_issued_gt_1_year,plans_issued_gt_1_year_ex,pc_plans_issued_gt_1_year,PC_plans_issued_gt_1_year_ex';
const ALL = 'All EHC plans issued,All EHC plans issued';
const tail = (den: string, denEx: string, n: string, nEx: string, pc: string, pcEx: string) =>
  `${den},${denEx},${n},${nEx},${pc},${pcEx},1,1,1,1,1,1,1,1`;
const nat = (year: string, t: string) => `${year},Calendar year,National,E92000001,England,,,,,,${ALL},${t}`;
const reg = (year: string, code: string, name: string, t: string) => `${year},Calendar year,Regional,E92000001,England,${code},${name},,,,${ALL},${t}`;
const la = (year: string, code: string, old: string, name: string, t: string) =>
  `${year},Calendar year,Local authority,E92000001,England,E12000002,North West,${code},${old},${name},${ALL},${t}`;

function timeliness(rows: string[], header = TIMELINESS_HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

const good = [
  nat('2024', tail('90392', '84866', '41448', '39407', '45.9', '46.4')),
  reg('2024', 'E12000002', 'North West', tail('14000', '13808', '7000', '6977', '50', '50.5')),
  la('2024', 'E06000006', '876', 'Halton', tail('160', '154', '90', '87', '56.3', '56.5')),
  la('2024', 'E08000013', '342', 'St. Helens', tail('600', '597', 'x', 'c', 'z', 'low')),
  // Another breakdown: ignored by every measure.
  `2024,Calendar year,Local authority,E92000001,England,E12000002,North West,E06000006,876,Halton,Sex,Boys,${tail('1', '1', '1', '1', 'banana', '1')}`,
];

function values(files: { name: string; text: string }[]) {
  return parseBenchmarkFiles(files, las);
}
function find(vs: BenchmarkValue[], measure: string, code: string, year = 2024) {
  return vs.find((v) => v.measure === measure && v.code === code && v.year === year);
}
function only(problems: Problem[], severity: Problem['severity'] | 'not-info' = 'not-info') {
  return problems.filter((p) => (severity === 'not-info' ? p.severity !== 'info' : p.severity === severity));
}

// ── Cell reading ─────────────────────────────────────────────────────────────

const cellCases: [string, ReturnType<typeof readCell>][] = [
  ['46.4', { kind: 'number', value: 46.4 }],
  ['0', { kind: 'number', value: 0 }],
  [' 12 ', { kind: 'number', value: 12 }],
  ['1,071', { kind: 'number', value: 1071 }],
  ['689,739', { kind: 'number', value: 689739 }],
  ['-3.5', { kind: 'number', value: -3.5 }],
  ['c', { kind: 'missing' }],
  ['x', { kind: 'missing' }],
  ['X', { kind: 'missing' }],
  ['z', { kind: 'missing' }],
  ['low', { kind: 'missing' }],
  ['u', { kind: 'missing' }],
  [':', { kind: 'missing' }],
  ['..', { kind: 'missing' }],
  ['~', { kind: 'missing' }],
  ['', { kind: 'missing' }],
  ['banana', { kind: 'invalid' }],
  ['12a', { kind: 'invalid' }],
  ['1,07', { kind: 'invalid' }],
  ['1e3', { kind: 'invalid' }],
  ['NaN', { kind: 'invalid' }],
];
for (const [raw, expected] of cellCases) {
  test(`readCell(${JSON.stringify(raw)})`, () => assert.deepEqual(readCell(raw), expected));
}

test('round1 rounds half up without float surprises', () => {
  assert.equal(round1(1.05), 1.1);
  assert.equal(round1(1.005), 1);
  assert.equal(round1(56.45), 56.5);
  assert.equal(round1(0.1 + 0.2), 0.3);
  assert.equal(round1(-2.25), -2.3);
  assert.equal(round1(1e-9), 0);
});

test('normaliseLaName matches published variants', () => {
  assert.equal(normaliseLaName('St. Helens'), normaliseLaName('St Helens'));
  assert.equal(normaliseLaName('Durham'), normaliseLaName('County Durham'));
  assert.equal(normaliseLaName('Kingston Upon Hull, City of'), normaliseLaName('Kingston upon Hull, City of'));
  assert.equal(normaliseLaName('Herefordshire'), normaliseLaName('Herefordshire, County of'));
  assert.notEqual(normaliseLaName('Nottingham'), normaliseLaName('Nottinghamshire'));
});

// ── EES files ────────────────────────────────────────────────────────────────

test('reads national, regional and LA values with numerator and denominator', () => {
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(good) }]);
  assert.deepEqual(only(problems), []);
  assert.deepEqual(find(vs, 'plans-issued-within-20-weeks-excl-exceptions-pc', 'E92000001'), {
    measure: 'plans-issued-within-20-weeks-excl-exceptions-pc',
    year: 2024,
    level: 'national',
    code: 'E92000001',
    name: 'England',
    value: 46.4,
    numerator: 39407,
    denominator: 84866,
  });
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E12000002')?.value, 50);
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E12000002')?.level, 'regional');
  const halton = find(vs, 'plans-issued-within-20-weeks-excl-exceptions-pc', 'E06000006');
  assert.equal(halton?.level, 'la');
  assert.equal(halton?.value, 56.5);
  // 3 measures from this file × 4 areas; the "Sex" row is ignored.
  assert.equal(vs.length, 12);
});

test('suppression codes become null, never zero, and raise no problem', () => {
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(good) }]);
  const sth = find(vs, 'plans-issued-within-20-weeks-excl-exceptions-pc', 'E08000013');
  assert.equal(sth?.value, null); // low
  assert.equal(sth?.numerator, null); // c
  assert.equal(sth?.denominator, 597);
  const inc = find(vs, 'plans-issued-within-20-weeks-pc', 'E08000013');
  assert.equal(inc?.value, null); // z
  assert.equal(inc?.numerator, null); // x
  assert.equal(sth?.name, 'St Helens', 'name comes from the LA lookup');
  assert.deepEqual(only(problems), []);
});

test('file names are matched case-insensitively and ignoring folders', () => {
  const { values: vs } = values([{ name: 'downloads/2025/Timeliness_20_Week.CSV', text: timeliness(good) }]);
  assert.equal(vs.length, 12);
});

test('unrecognised files are ignored with an info problem', () => {
  const { values: vs, problems } = values([{ name: 'data-guidance.txt', text: 'hello' }]);
  assert.equal(vs.length, 0);
  assert.deepEqual(problems, [{ file: 'data-guidance.txt', row: null, column: null, value: null, message: 'not a recognised benchmark file; ignored', severity: 'info' }]);
});

test('renamed value column: reported with file, header row and column; other measures still read', () => {
  const header = TIMELINESS_HEADER.replace(',PC_plans_issued_20_weeks_ex,', ',pc_plans_issued_20_weeks_excl,');
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(good, header) }]);
  const p = problems.find((x) => x.column === 'PC_plans_issued_20_weeks_ex');
  assert.ok(p, JSON.stringify(problems));
  assert.equal(p.file, 'timeliness_20_week.csv');
  assert.equal(p.row, 1);
  assert.equal(p.severity, 'error');
  assert.match(p.message, /missing/);
  assert.equal(vs.filter((v) => v.measure === 'plans-issued-within-20-weeks-excl-exceptions-pc').length, 0);
  assert.equal(vs.filter((v) => v.measure === 'plans-issued-within-20-weeks-pc').length, 4);
});

test('renamed denominator column: value still read, denominator dropped and reported', () => {
  const header = TIMELINESS_HEADER.replace(',plans_issued_den_ex,', ',plans_issued_denominator_ex,');
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(good, header) }]);
  assert.ok(problems.some((p) => p.column === 'plans_issued_den_ex' && p.row === 1 && /denominator/.test(p.message)));
  const v = find(vs, 'plans-issued-within-20-weeks-excl-exceptions-pc', 'E92000001');
  assert.equal(v?.value, 46.4);
  assert.equal(v?.numerator, 39407);
  assert.equal('denominator' in (v ?? {}), false);
});

test('renamed base column (new_la_code): whole file refused and reported', () => {
  const header = TIMELINESS_HEADER.replace(',new_la_code,', ',la_code,');
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(good, header) }]);
  assert.equal(vs.length, 0);
  assert.ok(problems.some((p) => p.file === 'timeliness_20_week.csv' && p.row === 1 && p.column === 'new_la_code' && p.severity === 'error'));
});

test('truncated row: reported with file and line, row skipped, the rest read', () => {
  const truncated = la('2024', 'E06000006', '876', 'Halton', '160,154,90');
  const rows = [good[0] as string, good[1] as string, truncated, good[3] as string];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  const p = only(problems);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.equal(p[0]?.file, 'timeliness_20_week.csv');
  assert.equal(p[0]?.row, 4);
  assert.equal(p[0]?.severity, 'error');
  assert.match(p[0]?.message ?? '', /15 fields but the header has 26/);
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E06000006'), undefined);
  assert.equal(vs.length, 9);
});

test('garbage value: reported with file, line, column and value; read as null (not zero)', () => {
  const rows = [good[0] as string, la('2024', 'E06000006', '876', 'Halton', tail('160', '154', '90', '87', '56.3', '5 6.5'))];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  const p = only(problems);
  assert.deepEqual(
    p.map((x) => [x.file, x.row, x.column, x.value, x.severity]),
    [['timeliness_20_week.csv', 3, 'PC_plans_issued_20_weeks_ex', '5 6.5', 'error']],
  );
  assert.equal(find(vs, 'plans-issued-within-20-weeks-excl-exceptions-pc', 'E06000006')?.value, null);
});

test('unknown LA code: reported with file, line and column; value kept under the published code', () => {
  const rows = [good[0] as string, la('2024', 'E06000999', '999', 'Nowhere', tail('10', '10', '5', '5', '50', '50'))];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  const p = only(problems);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.deepEqual([p[0]?.file, p[0]?.row, p[0]?.column, p[0]?.value, p[0]?.severity], ['timeliness_20_week.csv', 3, 'new_la_code', 'E06000999', 'warning']);
  assert.match(p[0]?.message ?? '', /unknown LA code/);
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E06000999')?.value, 50);
});

test('old county code is matched through the old LA code when the names agree', () => {
  const rows = [
    la('2024', 'E10000023', '815', 'North Yorkshire', tail('10', '10', '5', '5', '50', '50')),
    // Same old code, different name: not matched.
    la('2023', 'E10000099', '815', 'Somewhere Else', tail('10', '10', '5', '5', '50', '50')),
  ];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  const v = find(vs, 'plans-issued-within-20-weeks-pc', 'E06000065');
  assert.equal(v?.value, 50);
  assert.equal(v?.name, 'North Yorkshire');
  assert.ok(problems.some((p) => p.row === 2 && p.value === 'E10000023' && /matched by old LA code 815/.test(p.message)));
  assert.ok(find(vs, 'plans-issued-within-20-weeks-pc', 'E10000099', 2023));
  assert.ok(problems.some((p) => p.row === 3 && p.value === 'E10000099' && /unknown LA code/.test(p.message)));
});

test('duplicate rows: reported, first kept', () => {
  const dup = la('2024', 'E06000006', '876', 'Halton', tail('1', '1', '1', '1', '99.9', '99.9'));
  const rows = [...good, dup];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  const dups = problems.filter((p) => /duplicate/.test(p.message));
  assert.equal(dups.length, 3); // one per measure read from the row
  assert.ok(dups.every((p) => p.row === 7 && p.file === 'timeliness_20_week.csv' && p.severity === 'error'));
  assert.match(dups[0]?.message ?? '', /line 4/);
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E06000006')?.value, 56.3);
});

test('repeated header names are reported and the first used', () => {
  const header = TIMELINESS_HEADER + ',plans_issued_den';
  const rows = good.slice(0, 3).map((r) => r + ',999');
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows, header) }]);
  assert.ok(problems.some((p) => p.row === 1 && p.column === 'plans_issued_den' && /more than once/.test(p.message)));
  assert.equal(find(vs, 'plans-issued-within-20-weeks-pc', 'E92000001')?.denominator, 90392);
});

test('renamed breakdown: no rows match and that is reported', () => {
  const rows = good.map((r) => r.replace(ALL, 'Total,Total'));
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  assert.equal(vs.length, 0);
  assert.equal(problems.filter((p) => /no rows match/.test(p.message)).length, 3);
});

test('bad time_period is reported and the row skipped', () => {
  const rows = [nat('2024/25', tail('1', '1', '1', '1', '1', '1'))];
  const { values: vs, problems } = values([{ name: 'timeliness_20_week.csv', text: timeliness(rows) }]);
  assert.equal(vs.length, 0);
  assert.ok(problems.some((p) => p.row === 2 && p.column === 'time_period' && p.value === '2024/25'));
});

test('academic-year periods are kept as published (202425)', () => {
  const header = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehcplans';
  const text = `${header}\n202425,Academic year,National,E92000001,England,,,,,,All EHC plans,All EHC plans,638745\n`;
  const { values: vs } = parseBenchmarkFiles([{ name: 'caseload.csv', text }], las);
  const v = vs.find((x) => x.measure === 'plans-in-force');
  assert.equal(v?.year, 202425);
  assert.equal(v?.value, 638745);
  assert.equal('numerator' in (v ?? {}), false);
});

// ── Appeal-rate table ────────────────────────────────────────────────────────

const APPEAL = [
  '\uFEFF"SEND Appeal rate table 1: title",,,,,,,,',
  ',,,,,,,,',
  'Local Authority,LA code,2023,,,2024,,,',
  ',,Appeals registered4,Total Appealable Decisions1,SEND Tribunal Appeal Rate2,Appeals registered4,"Total Appealable Decisions1,9",SEND Tribunal Appeal Rate2,"In development: Total Appealable Decisions1,8"',
  'NORTH WEST,,,,,,,,',
  'Halton,876,24,"1,726",1.40%,33,"1,927",1.70%,"1,036"',
  'St. Helens,342, - ,500,0.00%, .. , .. ,..,',
  'Nottingham,891,48,"2,273",2.10%,52,"2,102",2.50%,',
  'Cumbria8,909,1,2,50.00%,x,x,x,',
  'Durham,840,1,1,wat,~,~,~,',
  '"England Total4,9",,"15,615","617,776",2.50%,"22,276","689,739",3.20%,"364,912"',
  'England total excluding suppressed,,,,,"22,082",,,',
  ',,,,,,,,',
  'Sources:,HMCTS,,,,,,,',
  '"1. A footnote, with a comma",,,,,,,,',
].join('\n');

test('appeal-rate table: values, nil dash as zero, missing markers, percent text', () => {
  const { values: vs } = values([{ name: 'send_tribunals_appeal_rate_2014_2024.csv', text: APPEAL }]);
  assert.deepEqual(find(vs, 'send-tribunal-appeal-rate-pc', 'E06000006'), {
    measure: 'send-tribunal-appeal-rate-pc',
    year: 2024,
    level: 'la',
    code: 'E06000006',
    name: 'Halton',
    value: 1.7,
    numerator: 33,
    denominator: 1927,
  });
  assert.equal(find(vs, 'send-tribunal-appeals-registered', 'E06000006', 2023)?.value, 24);
  const sth23 = find(vs, 'send-tribunal-appeal-rate-pc', 'E08000013', 2023);
  assert.equal(sth23?.numerator, 0, '"-" is nil in MoJ tables');
  assert.equal(sth23?.value, 0);
  const sth24 = find(vs, 'send-tribunal-appeal-rate-pc', 'E08000013', 2024);
  assert.deepEqual([sth24?.value, sth24?.numerator, sth24?.denominator], [null, null, null]);
  const eng = find(vs, 'send-tribunal-appeal-rate-pc', 'E92000001');
  assert.deepEqual([eng?.level, eng?.value, eng?.numerator, eng?.denominator], ['national', 3.2, 22276, 689739]);
  assert.equal(vs.filter((v) => v.level === 'national' && v.year === 2024).length, 2, 'the "excluding suppressed" total is not a second national value');
});

test('appeal-rate table: rows are matched by name, wrong codes and unknown LAs reported', () => {
  const { values: vs, problems } = values([{ name: 'send_tribunals_appeal_rate_2014_2024.csv', text: APPEAL }]);
  assert.equal(find(vs, 'send-tribunal-appeal-rate-pc', 'E06000018')?.value, 2.5, 'Nottingham, despite code 891');
  assert.equal(find(vs, 'send-tribunal-appeal-rate-pc', 'E10000024'), undefined);
  assert.ok(problems.some((p) => p.row === 8 && p.column === 'LA code' && p.value === '891' && /Nottinghamshire/.test(p.message)));
  assert.ok(problems.some((p) => p.row === 9 && p.column === 'Local Authority' && p.value === 'Cumbria' && /unknown LA/.test(p.message)));
  assert.equal(find(vs, 'send-tribunal-appeal-rate-pc', 'E06000047', 2024)?.value, null, 'County Durham matched from "Durham"');
  const garbage = problems.find((p) => p.value === 'wat');
  assert.deepEqual([garbage?.row, garbage?.column, garbage?.severity], [10, '2023 SEND Tribunal Appeal Rate2', 'error']);
});

test('appeal-rate table without its header row is reported', () => {
  const { values: vs, problems } = values([{ name: 'send_tribunals_appeal_rate_2014_2024.csv', text: 'a,b\n1,2\n' }]);
  assert.equal(vs.length, 0);
  assert.ok(problems.some((p) => p.severity === 'error' && /header row/.test(p.message)));
});

test('appeal-rate table with a renamed sub-heading is reported', () => {
  const text = APPEAL.replace(',Appeals registered4,"Total', ',Appeals lodged,"Total');
  const { values: vs, problems } = values([{ name: 'send_tribunals_appeal_rate_2014_2024.csv', text }]);
  assert.ok(problems.some((p) => p.row === 4 && p.column === '2024 appeals' && p.severity === 'error'));
  assert.equal(find(vs, 'send-tribunal-appeals-registered', 'E06000006', 2024), undefined);
  assert.equal(find(vs, 'send-tribunal-appeals-registered', 'E06000006', 2023)?.value, 24);
});

// ── LA lookup ────────────────────────────────────────────────────────────────

test('parseLaLookup reads records, quoted names and a trailing blank line', () => {
  const { las: rows, problems } = parseLaLookup(LOOKUP + '\n');
  assert.deepEqual(problems, []);
  assert.equal(rows.length, 7);
  assert.deepEqual(rows.find((r) => r.code === 'E06000010'), {
    code: 'E06000010',
    oldCode: '810',
    name: 'Kingston upon Hull, City of',
    regionCode: 'E12000003',
    regionName: 'Yorkshire and The Humber',
  });
});

test('parseLaLookup reports bad rows with file, line and column', () => {
  const text = `la_code,old_la_code,la_name,region_code,region_name
E06000006,876,Halton,E12000002,North West
E06000006,876,Halton again,E12000002,North West
X123,111,Bad,E12000002,North West
E06000001,805,Hartlepool,E12000001
E06000002,80,Middlesbrough,E12000001,North East
E06000003,807,Redcar,North East,E12000001
`;
  const { las: rows, problems } = parseLaLookup(text);
  assert.deepEqual(rows.map((r) => r.code), ['E06000006', 'E06000002']);
  assert.deepEqual(
    problems.map((p) => [p.file, p.row, p.column, p.severity]),
    [
      ['la-lookup.csv', 3, 'la_code', 'error'],
      ['la-lookup.csv', 4, 'la_code', 'error'],
      ['la-lookup.csv', 5, null, 'error'],
      ['la-lookup.csv', 6, 'old_la_code', 'warning'],
      ['la-lookup.csv', 7, 'region_code', 'error'],
    ],
  );
});

test('parseLaLookup reports a renamed column', () => {
  const { las: rows, problems } = parseLaLookup('code,old_la_code,la_name,region_code,region_name\nE06000006,876,Halton,E12000002,North West\n');
  assert.equal(rows.length, 0);
  assert.deepEqual(problems.map((p) => [p.file, p.row, p.column]), [['la-lookup.csv', 1, 'la_code']]);
});

// ── Statistical neighbours ───────────────────────────────────────────────────

test('parseStatisticalNeighbours reads, trims proximity and reports problems', () => {
  const text = `la_code,la_name,SN,SN_code,SN_name,SN_prox
E06000006,Halton,2,E06000047,County Durham,Close 
E06000006,Halton,1,E08000013,St Helens,Very close
E06000006,Halton,1,E06000065,North Yorkshire,Close
E06000006,Halton,3,E08000013,St Helens,Close
E06000006,Halton,11,E06000018,Nottingham,Close
E06000006,Halton,4,E06000006,Halton,Close
E06000006,Halton,5,E06000999,Nowhere,Close
E06000006,Halton,6
`;
  const { neighbours, problems } = parseStatisticalNeighbours(text, las);
  assert.deepEqual(
    neighbours.map((n) => [n.laCode, n.rank, n.neighbourCode, n.proximity]),
    [
      ['E06000006', 1, 'E08000013', 'Very close'],
      ['E06000006', 2, 'E06000047', 'Close'],
      ['E06000006', 5, 'E06000999', 'Close'],
    ],
  );
  const rows = problems.map((p) => [p.row, p.column, p.severity]);
  assert.deepEqual(rows.slice(0, 6), [
    [4, 'SN', 'error'], // duplicate rank 1
    [5, 'SN_code', 'error'], // St Helens twice
    [6, 'SN', 'error'], // rank 11
    [7, 'SN_code', 'error'], // itself
    [8, 'SN_code', 'warning'], // not in lookup
    [9, null, 'error'], // truncated
  ]);
  assert.ok(problems.some((p) => p.row === null && /has 3 statistical neighbours, not 10/.test(p.message)));
  assert.ok(problems.some((p) => p.row === null && p.value === 'E08000013' && /no statistical neighbours/.test(p.message)));
  assert.ok(problems.every((p) => p.file === 'sn-model-long.csv'));
});
