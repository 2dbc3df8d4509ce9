// The results table (stdout) and its JSON twin.
import fs from 'node:fs';
import path from 'node:path';
import type { Row } from './types.ts';

export type Verdict = 'PASS' | 'MISS' | 'FAIL' | '';

export function verdict(r: Row): Verdict {
  if (r.failed) return 'FAIL';
  if (!r.target) return '';
  return (r.target.op === '<=' ? r.value <= r.target.value : r.value >= r.target.value) ? 'PASS' : 'MISS';
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function table(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.backend, r.figure, `${fmt(r.value)} ${r.unit}`.trim(),
    r.target ? `${r.target.op === '<=' ? '≤' : '≥'} ${fmt(r.target.value)} ${r.unit}`.trim() : '', verdict(r),
  ]);
  const head = ['Backend', 'Figure', 'Value', 'Target', 'Result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 || i === 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function writeJson(file: string, meta: Record<string, unknown>, rows: Row[], failures: string[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = { ...meta, failures, rows: rows.map((r) => ({ ...r, result: verdict(r) || undefined })) };
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
