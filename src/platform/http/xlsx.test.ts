import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { toXlsx, xlsxDate, xlsxPercent, PERCENT_FORMAT, DATE_FORMAT } from './xlsx.ts';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

test('toXlsx: a header row, then real number, percentage, date and text cells; no data is an empty cell', async () => {
  const buf = await toXlsx([{
    name: 'Scorecard: 2026/27?',
    columns: [{ header: 'kpi' }, { header: 'value' }, { header: 'count', numFmt: '#,##0' }, { header: 'on' }],
    rows: [
      ['Timeliness', xlsxPercent(46.4), 1234, xlsxDate('2026-03-31')],
      ['No data', xlsxPercent(null), null, xlsxDate(null)],
      ['=SUM(A1)', xlsxPercent(100), 0, xlsxDate('2026-02-30')],
    ],
    notes: ['Source: casework records'],
  }]);
  const wb = await read(buf);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.name, 'Scorecard  2026 27 ', 'characters Excel forbids in sheet names are replaced');
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['kpi', 'value', 'count', 'on']);
  assert.equal(ws.getRow(1).font?.bold, true);
  const r2 = ws.getRow(2);
  assert.equal(r2.getCell(2).type, ExcelJS.ValueType.Number);
  assert.equal(r2.getCell(2).value, 0.464);
  assert.equal(r2.getCell(2).numFmt, PERCENT_FORMAT);
  assert.equal(r2.getCell(3).value, 1234);
  assert.equal(r2.getCell(3).numFmt, '#,##0');
  assert.equal(r2.getCell(4).type, ExcelJS.ValueType.Date);
  assert.equal((r2.getCell(4).value as Date).toISOString(), '2026-03-31T00:00:00.000Z');
  assert.equal(r2.getCell(4).numFmt, DATE_FORMAT);
  const r3 = ws.getRow(3);
  for (const c of [2, 3, 4]) assert.equal(r3.getCell(c).type, ExcelJS.ValueType.Null, `no data → empty cell ${c}`);
  const r4 = ws.getRow(4);
  assert.equal(r4.getCell(1).type, ExcelJS.ValueType.String, 'text that looks like a formula stays text');
  assert.equal(r4.getCell(2).value, 1);
  assert.equal(r4.getCell(3).value, 0, 'a real 0 is kept');
  assert.equal(r4.getCell(4).type, ExcelJS.ValueType.Null, 'an impossible date is left empty');
  assert.equal(ws.getRow(6).getCell(1).value, 'Source: casework records');
});
