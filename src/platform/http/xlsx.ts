// Excel (.xlsx) downloads with real cells: numbers as numbers, percentages as numbers with a %
// number format (46.4% is stored as 0.464), dates as dates, and no data as an empty cell (never 0
// or a dash). One bold, frozen header row per sheet; notes (period, source, attribution) go below
// the table after a blank row.
import type ExcelJS from 'exceljs';
import { excel } from '../lazy.ts';
import type { FastifyReply } from 'fastify';

/** A percentage given as 0–100 (as the KPI engine and the benchmarks hold it). */
export interface XlsxPercent { readonly percent: number | null }
/** A calendar date 'YYYY-MM-DD'. */
export interface XlsxDate { readonly date: string | null }
export type XlsxCell = string | number | null | undefined | XlsxPercent | XlsxDate;

export const xlsxPercent = (percent: number | null | undefined): XlsxPercent => ({ percent: percent ?? null });
export const xlsxDate = (date: string | null | undefined): XlsxDate => ({ date: date ?? null });

export interface XlsxColumn { header: string; width?: number; numFmt?: string }
export interface XlsxSheet { name: string; columns: XlsxColumn[]; rows: XlsxCell[][]; notes?: string[] }

export const PERCENT_FORMAT = '0.0%';
export const DATE_FORMAT = 'd mmm yyyy';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function validDate(s: string): Temporal.PlainDate | null {
  try { return Temporal.PlainDate.from(s, { overflow: 'reject' }); } catch { return null; }
}

function put(cell: ExcelJS.Cell, v: XlsxCell, numFmt: string | undefined): void {
  if (v === null || v === undefined || v === '') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return;
    cell.value = v;
    if (numFmt) cell.numFmt = numFmt;
  } else if (typeof v === 'string') {
    cell.value = v;
  } else if ('percent' in v) {
    if (v.percent === null || !Number.isFinite(v.percent)) return;
    // Divide on the one-decimal figure's tenths so 46.4 is 0.464, not 0.46399999999999997.
    cell.value = Math.round(v.percent * 10) / 1000;
    cell.numFmt = PERCENT_FORMAT;
  } else {
    const d = v.date === null || !/^\d{4}-\d{2}-\d{2}$/.test(v.date) ? null : validDate(v.date);
    if (!d) return;
    // Midnight UTC: Excel dates have no zone, and exceljs reads them back as UTC.
    cell.value = new Date(Date.UTC(d.year, d.month - 1, d.day));
    cell.numFmt = DATE_FORMAT;
  }
}

export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'Joined Up';
  for (const sheet of sheets) {
    // Excel limits sheet names to 31 characters and forbids some punctuation.
    const ws = wb.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
    sheet.columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length + 2); });
    for (const r of sheet.rows) {
      const row = ws.addRow([]);
      r.forEach((v, i) => put(row.getCell(i + 1), v, sheet.columns[i]?.numFmt));
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    if (sheet.notes?.length) {
      ws.addRow([]);
      for (const n of sheet.notes) ws.addRow([n]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sendXlsx(reply: FastifyReply, filename: string, sheets: readonly XlsxSheet[]): Promise<FastifyReply> {
  const buf = await toXlsx(sheets);
  return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${filename}.xlsx"`).send(buf);
}
