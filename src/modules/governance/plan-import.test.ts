import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  columnLetter,
  excelSerialToDate,
  fromExcelValue,
  importPlanCsv,
  importPlanRows,
  importPlanXlsx,
  type ImportProblem,
  type PlanImportResult,
} from './plan-import.ts';

function problemsOf(r: PlanImportResult): ImportProblem[] {
  assert.equal(r.ok, false, 'expected problems');
  return r.ok ? [] : r.problems;
}

const CLEAN_CSV = [
  '\uFEFFPriority,Priority_Title,Reference,Action,Lead,SRO,Start_Date,Due_Date,Status,Success_Measure,Update,RAG notes',
  '1,Strategic oversight and governance,1.1,Refresh SEND Partnership Board terms of reference,Head of SEND,DCS,2024-01-15,2024-03-31,Complete,ToR signed off,Approved 20 March',
  '1,,1.2,"Integrated SEND performance dashboard, 25-30 KPIs",BI lead,DCS,01/02/2024,30/09/2024,Delayed,Dashboard live,"Working group set up;\nfirst draft 20 June"',
  '2,Information sharing,2.1,Data sharing protocol,ICB lead,,,31/12/2024,On track,,',
  '',
  '2,,2.2,Health advice QA,Designated Clinical Officer,,,2025-01-31,not started,,',
].join('\r\n');

test('clean CSV imports into priorities and actions', () => {
  const r = importPlanCsv(CLEAN_CSV, { scheme: 'rag' });
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  assert.deepEqual(r.ignoredColumns, ['RAG notes']);
  assert.deepEqual(
    r.plan.priorities.map((p) => [p.reference, p.title, p.actions.map((a) => a.reference)]),
    [
      ['1', 'Strategic oversight and governance', ['1.1', '1.2']],
      ['2', 'Information sharing', ['2.1', '2.2']],
    ],
  );
  assert.deepEqual(r.plan.priorities[0]!.actions[1], {
    row: 3,
    reference: '1.2',
    priorityRef: '1',
    action: 'Integrated SEND performance dashboard, 25-30 KPIs',
    lead: 'BI lead',
    sro: 'DCS',
    startDate: '2024-02-01',
    dueDate: '2024-09-30',
    status: 'delayed',
    successMeasure: 'Dashboard live',
    update: 'Working group set up;\nfirst draft 20 June',
  });
  const a22 = r.plan.priorities[1]!.actions[1]!;
  assert.equal(a22.row, 6); // the blank row 5 is skipped but still counted
  assert.equal(a22.status, 'not-started');
  assert.equal(a22.sro, null);
  assert.equal(a22.startDate, null);
  assert.equal(r.plan.priorities[1]!.actions[0]!.status, 'on-target');
});

test('headers match case-insensitively, trimmed, with spaces for underscores', () => {
  const csv = ' PRIORITY ,Reference,Action,Lead,Due date,STATUS,priority title\n1,1.1,Do it,Me,2024-01-01,Blue,Title\n';
  const rag = importPlanCsv(csv, { scheme: 'rag' });
  const brag = importPlanCsv(csv, { scheme: 'brag' });
  assert.ok(rag.ok && brag.ok);
  assert.equal(rag.plan.priorities[0]!.actions[0]!.status, 'complete');
  assert.equal(brag.plan.priorities[0]!.actions[0]!.status, 'embedded');
});

const DIRTY_CSV = [
  'priority,reference,action,status,start_date,due_date,priority_title,notes', // no lead column
  '1,1.1,Set up board,Complete,2024-01-01,2024-03-31,Governance,',
  '1,1.2,Dashboard,Finished,,2024-04-30,,',
  '1,1.1,Duplicate reference,On track,,2024-05-01,,',
  '2,2.1,,Delayed,,31/02/2024,,',
  '2,2.2,Plan,Not started,2024-06-01,2024-05-01,,',
  ',,,,,,,',
  '2,2.3,Something,,2024-13-01,next week,,',
  '3,3.1,Other,Green,,2024-07-01,First title,',
  '3,3.2,Other two,Green,,,Different title,',
  ',4.1,No priority,Green,,2024-07-01,,',
  '5,5.1,In progress action,In progress,,20/7/2024,Five,',
].join('\n');

test('dirty CSV: every problem is reported with row, column, value', () => {
  const problems = problemsOf(importPlanCsv(DIRTY_CSV, { scheme: 'rag' }));
  const summary = problems.map((p) => [p.row, p.column, p.value, p.cell]);
  assert.deepEqual(summary, [
    [1, 'lead', null, null], // missing required column
    [3, 'status', 'Finished', 'D3'], // unknown status
    [4, 'reference', '1.1', 'B4'], // duplicate reference
    [5, 'action', null, 'C5'], // empty required cell
    [5, 'due_date', '31/02/2024', 'F5'], // impossible date
    [5, 'priority_title', null, 'G5'], // priority 2 has no title anywhere
    [6, 'due_date', '2024-05-01', 'F6'], // due before start
    [8, 'status', null, 'D8'], // empty status
    [8, 'start_date', '2024-13-01', 'E8'], // impossible date
    [8, 'due_date', 'next week', 'F8'], // not a date
    [10, 'due_date', null, 'F10'], // empty due date
    [10, 'priority_title', 'Different title', 'G10'], // conflicting title
    [11, 'priority', null, 'A11'], // empty priority
    [12, 'status', 'In progress', 'D12'], // ambiguous status rejected
  ]);
  const message = (row: number, column: string) => problems.find((p) => p.row === row && p.column === column)!.message;
  assert.match(message(1, 'lead'), /Required column "lead" is missing/);
  assert.match(message(3, 'status'), /"Finished" is not a recognised RAG status\. Use one of: Complete, Completed, On target/);
  assert.match(message(4, 'reference'), /already used on row 2/);
  assert.match(message(5, 'action'), /Action is required/);
  assert.match(message(5, 'due_date'), /"31\/02\/2024" is not a real date/);
  assert.equal(message(5, 'priority_title'), 'Priority 2 has no title on any of its rows (rows 5, 6, 8)');
  assert.equal(message(6, 'due_date'), 'Due date 2024-05-01 is before the start date 2024-06-01');
  assert.match(message(8, 'status'), /Status is required/);
  assert.match(message(8, 'start_date'), /"2024-13-01" is not a real date/);
  assert.match(message(8, 'due_date'), /"next week" is not a date: use YYYY-MM-DD or DD\/MM\/YYYY/);
  assert.match(message(10, 'due_date'), /Due date is required/);
  assert.match(message(10, 'priority_title'), /titled "First title" on row 9, but "Different title" here/);
  assert.match(message(11, 'priority'), /Priority is required/);
});

test('priority titles may come from options; no priority_title column → one problem per untitled priority', () => {
  const csv = 'priority,reference,action,lead,due_date,status\n1,1.1,A,L,2024-01-01,Green\n2,2.1,B,L,2024-01-01,Green\n2,2.2,C,L,2024-01-01,Green\n';
  const problems = problemsOf(importPlanCsv(csv, { scheme: 'rag', priorityTitles: { '1': 'Leadership' } }));
  assert.deepEqual(
    problems.map((p) => [p.row, p.column, p.cell, p.message]),
    [[3, 'priority_title', null, 'Priority 2 has no title on any of its rows (rows 3, 4) (add a priority_title column)']],
  );
  const ok = importPlanCsv(csv, { scheme: 'rag', priorityTitles: { '1': 'Leadership', '2': 'Sharing' } });
  assert.ok(ok.ok);
  assert.deepEqual(
    ok.plan.priorities.map((p) => p.title),
    ['Leadership', 'Sharing'],
  );
});

test('structural problems: empty file, header only, duplicate header, unterminated quote', () => {
  assert.deepEqual(
    problemsOf(importPlanCsv('', { scheme: 'rag' })).map((p) => [p.row, p.column]),
    [
      [1, 'priority'],
      [1, 'reference'],
      [1, 'action'],
      [1, 'lead'],
      [1, 'due_date'],
      [1, 'status'],
      [1, null],
    ],
  );
  const headerOnly = problemsOf(importPlanCsv('priority,priority_title,reference,action,lead,due_date,status\r\n', { scheme: 'rag' }));
  assert.deepEqual(
    headerOnly.map((p) => [p.row, p.message]),
    [[2, 'The file has no action rows below the header']],
  );
  const dupHeader = problemsOf(
    importPlanCsv('priority,priority_title,reference,action,lead,due_date,status,Status\n1,T,1.1,A,L,2024-01-01,Green,Red\n', { scheme: 'rag' }),
  );
  assert.deepEqual(
    dupHeader.map((p) => [p.row, p.column, p.value, p.cell, p.message]),
    [[1, 'status', 'Status', 'H1', 'The status column appears twice (columns G and H)']],
  );
  const unterminated = problemsOf(importPlanCsv('priority,reference\n1,"oops\n', { scheme: 'rag' }));
  assert.deepEqual(
    unterminated.map((p) => p.row),
    [2],
  );
});

test('references are unique across the plan, case-insensitively', () => {
  const csv = 'priority,priority_title,reference,action,lead,due_date,status\n1,T,A1,x,L,2024-01-01,Green\n2,U,a1,y,L,2024-01-01,Green\n';
  const p = problemsOf(importPlanCsv(csv, { scheme: 'rag' }));
  assert.deepEqual(
    p.map((x) => [x.row, x.column, x.value]),
    [[3, 'reference', 'a1']],
  );
});

// XLSX ----------------------------------------------------------------------------------------------

async function workbookBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

test('clean XLSX: date cells, numbers, rich text, hyperlinks and formula results', async () => {
  const buf = await workbookBuffer((wb) => {
    wb.addWorksheet('Notes').addRow(['not the plan']);
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Priority', ' Reference ', 'ACTION', 'Lead', 'Due date', 'Status', 'Priority title', 'Start date', 'SRO', 'Success measure', 'Update']);
    ws.addRow([
      1,
      1.1,
      { richText: [{ text: 'Appoint ' }, { text: 'SEND programme manager', font: { bold: true } }] },
      { text: 'Director of Education', hyperlink: 'mailto:doe@example.org' },
      utc(2024, 9, 30),
      { formula: '"On"&" target"', result: 'On target' },
      'Leadership and governance',
      45352, // Excel serial for 2024-03-01
      'DCS',
      null,
      null,
    ]);
    ws.addRow([1, '1.2', 'AP strategy', 'Head of Inclusion', '31/08/2024', 'Delayed', null, utc(2024, 2, 29), null, 'Strategy approved', 'Consultant engaged']);
    ws.addRow([2, '2.1', 'Local offer paper', 'Local offer lead', { formula: 'DATE(2024,12,31)', result: utc(2024, 12, 31) }, 'Complete', 'Information sharing']);
  });
  const r = await importPlanXlsx(buf, { scheme: 'rag', sheet: 'Plan' });
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  const [p1, p2] = r.plan.priorities;
  assert.deepEqual(p1!.actions[0], {
    row: 2,
    reference: '1.1',
    priorityRef: '1',
    action: 'Appoint SEND programme manager',
    lead: 'Director of Education',
    sro: 'DCS',
    startDate: '2024-03-01',
    dueDate: '2024-09-30',
    status: 'on-target',
    successMeasure: null,
    update: null,
  });
  assert.equal(p1!.title, 'Leadership and governance');
  assert.equal(p1!.actions[1]!.startDate, '2024-02-29');
  assert.equal(p1!.actions[1]!.dueDate, '2024-08-31');
  assert.equal(p2!.actions[0]!.dueDate, '2024-12-31');
  assert.equal(p2!.actions[0]!.status, 'complete');
  assert.equal(p2!.title, 'Information sharing');
});

test('dirty XLSX: formula errors, bad dates and statuses reported with cells', async () => {
  const buf = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['priority', 'priority_title', 'reference', 'action', 'lead', 'due_date', 'status']);
    ws.addRow([1, 'T', '1.1', 'A', 'L', { formula: '1/0', result: { error: '#DIV/0!' } }, 'Green']);
    ws.addRow([1, 'T', '1.2', { error: '#REF!' }, 'L', true, 'Purple']);
    ws.addRow([1, 'T', '1.3', 'C', 'L', 60, 'Amber']); // serial 60 = the phantom 29 Feb 1900
  });
  const problems = problemsOf(await importPlanXlsx(buf, { scheme: 'brag' }));
  assert.deepEqual(
    problems.map((p) => [p.row, p.column, p.value, p.cell]),
    [
      [2, 'due_date', '#DIV/0!', 'F2'],
      [3, 'action', '#REF!', 'D3'],
      [3, 'due_date', 'TRUE', 'F3'],
      [3, 'status', 'Purple', 'G3'],
      [4, 'due_date', '60', 'F4'],
    ],
  );
  assert.match(problems[0]!.message, /formula error \(#DIV\/0!\)/);
  assert.match(problems[3]!.message, /not a recognised BRAG status/);
  assert.match(problems[4]!.message, /not a valid Excel date/);
});

test('XLSX: unreadable bytes and a missing sheet are problems, not crashes', async () => {
  const bad = problemsOf(await importPlanXlsx(new TextEncoder().encode('not a zip'), { scheme: 'rag' }));
  assert.match(bad[0]!.message, /could not be read/);
  const buf = await workbookBuffer((wb) => wb.addWorksheet('Plan').addRow(['priority']));
  assert.match(problemsOf(await importPlanXlsx(buf, { scheme: 'rag', sheet: 'Actions' }))[0]!.message, /no worksheet named "Actions"/);
  assert.match(problemsOf(await importPlanXlsx(buf.buffer as ArrayBuffer, { scheme: 'rag', sheet: 3 }))[0]!.message, /no worksheet number 4/);
});

test('excelSerialToDate: 1900 and 1904 systems', () => {
  const cases: ReadonlyArray<readonly [number, boolean, string | null]> = [
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, null],
    [61, false, '1900-03-01'],
    [45352, false, '2024-03-01'],
    [45352.75, false, '2024-03-01'],
    [0, false, null],
    [0, true, null],
    [1, true, '1904-01-02'],
    [43890, true, '2024-03-01'], // 1904 serials are 1462 lower than 1900 serials
  ];
  for (const [serial, is1904, expected] of cases) {
    assert.equal(excelSerialToDate(serial, is1904)?.toString() ?? null, expected, `${serial} ${is1904}`);
  }
});

test('fromExcelValue normalises exceljs values', () => {
  assert.equal(fromExcelValue(null), null);
  assert.equal(fromExcelValue(undefined), null);
  assert.equal(fromExcelValue('x'), 'x');
  assert.equal(fromExcelValue(3), 3);
  assert.deepEqual(fromExcelValue({ error: '#N/A' }), { error: '#N/A' });
  assert.equal(fromExcelValue({ richText: [{ text: 'a' }, { text: 'b' }] }), 'ab');
  assert.equal(fromExcelValue({ formula: 'A1', result: 7 }), 7);
  assert.equal(fromExcelValue({ formula: 'A1' } as ExcelJS.CellFormulaValue), null);
  assert.equal(String(fromExcelValue(utc(2024, 3, 31))), '2024-03-31');
});

test('importPlanRows and columnLetter', () => {
  assert.deepEqual(
    [0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter),
    ['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'],
  );
  const r = importPlanRows(
    [
      ['priority', 'priority_title', 'reference', 'action', 'lead', 'due_date', 'status'],
      ['1', 'T', '1.1', 'A', 'L', Temporal.PlainDate.from('2024-05-05'), 'Completed'],
    ],
    { scheme: 'rag' },
  );
  assert.ok(r.ok);
  assert.equal(r.plan.priorities[0]!.actions[0]!.dueDate, '2024-05-05');
});
