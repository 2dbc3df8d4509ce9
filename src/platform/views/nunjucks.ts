// Nunjucks set up for GOV.UK Frontend: templates are found under src/ (module views) and in
// govuk-frontend's dist folder; autoescape is on. Filters format dates the GOV.UK way.
import nunjucks from 'nunjucks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { govukDate, govukDateTime } from '../time/format.ts';
import { memoiseTemplates } from './memo.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SRC_DIR = path.resolve(here, '../..');
export const ROOT_DIR = path.resolve(SRC_DIR, '..');

// One formatter per number of decimals: `toLocaleString` builds a new one on every call, which made
// number formatting a tenth of a work tray's render.
const NUMBER_FORMATS = new Map<number | undefined, Intl.NumberFormat>();

export function formatNumber(value: unknown, decimals?: number): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  let format = NUMBER_FORMATS.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    if (NUMBER_FORMATS.size < 16) NUMBER_FORMATS.set(decimals, format);
  }
  return format.format(n);
}

export function createNunjucks(opts: { watch?: boolean } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([SRC_DIR, path.join(ROOT_DIR, 'node_modules/govuk-frontend/dist')], { noCache: opts.watch ?? false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('govukDate', govukDate);
  env.addFilter('govukDateTime', govukDateTime);
  env.addFilter('number', formatNumber);
  env.addFilter('pluralise', (n: number, one: string, many: string) => (n === 1 ? one : many));
  env.addFilter('json', (v: unknown) => JSON.stringify(v));
  /** Maps field errors onto GOV.UK macro `errorMessage` options. */
  env.addFilter('errorFor', (errors: { field: string; message: string }[] | undefined, field: string) => {
    const e = errors?.find((x) => x.field === field);
    return e ? { text: e.message } : undefined;
  });
  env.addFilter('errorSummary', (errors: { field: string; message: string }[] | undefined) =>
    (errors ?? []).map((e) => ({ text: e.message, href: `#${e.field}` })));
  // Imports and GOV.UK component HTML are remembered (see memo.ts), except while templates are being
  // edited under `npm run dev`.
  if (!opts.watch) memoiseTemplates(env);
  return env;
}
