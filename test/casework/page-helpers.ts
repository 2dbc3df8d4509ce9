// Reading and filling the casework pages in route tests.
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import type { TestBrowser } from '../helpers/app.ts';

/** A GOV.UK date input's three fields for an ISO date: `{prefix}-day`, `-month`, `-year`. */
export const dateFields = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};

/** The text of the elements matching `sel`, whitespace collapsed. */
export const text = (html: string, sel: string) => cheerio.load(html)(sel).text().replace(/\s+/g, ' ').trim();

/** [due, done, status] of one deadline row on the case page, or null when there is no such row. */
export const deadlineRow = (html: string, key: string) => {
  const $ = cheerio.load(html);
  const cells = $(`#deadlines tr[data-key="${key}"] td`).map((_, td) => $(td).text().replace(/\s+/g, ' ').trim()).get();
  return cells.length ? cells : null;
};

/** The error summary's text. */
export const errorSummary = (html: string) => text(html, '.govuk-error-summary');

/** Opens an event's record form (which must answer 200) and posts it with the date and fields given. */
export async function recordEvent(b: TestBrowser, caseId: string, type: string, on: string, form: Record<string, string> = {}) {
  const page = await b.get(`/casework/cases/${caseId}/record/${type}`);
  assert.equal(page.statusCode, 200, `the ${type} form opens`);
  return b.post(`/casework/cases/${caseId}/record/${type}`, { ...dateFields('effectiveDate', on), ...form });
}
