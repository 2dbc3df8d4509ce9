// The generated documents: the .docx unzips to a document.xml with the headings and percentages; the
// PDF is real, searchable text with a structure tree (tagged headings, tables); generation times for a
// paper from a 500-action plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperBlocks } from '../../src/modules/governance/papers/model.ts';
import { renderDocx } from '../../src/modules/governance/papers/docx.ts';
import { renderPdf, pdfPageCount, pdfSafe } from '../../src/modules/governance/papers/pdf.ts';
import { KPI_SECTION_FIXTURE, paperFixture, docxParagraphs, pdfLines } from './papers-fixture.ts';

const meta = { title: 'SEND Improvement Plan Update – SEND Improvement Board', subject: 'SEND Improvement Plan Update', areaName: 'Demo Borough' };

test('the Word document has the headings, title block, tables and the roll-up percentages', async () => {
  const data = paperFixture({ actions: 20 });
  const bytes = await renderDocx(paperBlocks(data), meta);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip');
  const { xml, paragraphs } = await docxParagraphs(bytes);
  for (const h of ['1. Purpose of the report', '2. Recommendations', '4. Progress against the plan', '6. Risk register extract', '7. Self-evaluation', '8. Key performance indicators']) {
    const i = xml.indexOf(`>${h}<`);
    assert.ok(i > 0, h);
    assert.match(xml.slice(xml.lastIndexOf('<w:p>', i) >= 0 ? xml.lastIndexOf('<w:p', i) : 0, i), /w:pStyle w:val="Heading1"/, `${h} is a Heading 1`);
  }
  assert.ok(paragraphs.includes('REPORT TO: SEND Improvement Board'));
  assert.ok(paragraphs.includes('REPORTING OFFICER: Director of Children\'s Services'));
  assert.ok(paragraphs.includes('No KPI data available'));
  // Table 1's first priority row: 4 actions, 0% complete, 25% on target, 25% delayed, 50% not started, 25% complete or on target.
  const i = paragraphs.indexOf('Priority 1: improve the timeliness and quality of EHC plans');
  assert.deepEqual(paragraphs.slice(i + 1, i + 7), ['4', '0%', '25%', '25%', '50%', '25%']);
  assert.match(xml, /<w:tblHeader\/>/, 'table header rows repeat on each page');
  assert.match(xml, /w:fill="F4CDC6"/, 'red cells are filled');
  assert.ok(paragraphs.includes('Red') && paragraphs.includes('Amber'), 'RAG in words');
});

test('the PDF is tagged, with real searchable text: headings, title block, percentages', async () => {
  const data = paperFixture({ actions: 20 });
  const pdf = await renderPdf(paperBlocks(data), meta, { compress: false });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/StructTreeRoot/);
  assert.match(raw, /\/MarkInfo \d+ 0 R/);
  assert.match(raw, /\/Marked true/);
  assert.match(raw, /\/Lang \(en-GB\)/);
  assert.match(raw, /\/DisplayDocTitle true/);
  assert.match(raw, /\/S \/H1/);
  assert.ok((raw.match(/\/S \/H2/g) ?? []).length >= 11, 'section headings are H2');
  assert.match(raw, /\/S \/Table/);
  assert.match(raw, /\/S \/TH/);
  const lines = pdfLines(pdf);
  for (const h of ['1. Purpose of the report', '4. Progress against the plan', '5. Exceptions: delayed actions', '6. Risk register extract', '8. Key performance indicators', 'No KPI data available']) {
    assert.ok(lines.includes(h), `${h} in ${lines.slice(0, 40).join(' | ')}`);
  }
  assert.ok(lines.some((l) => l.startsWith('REPORT TO:')));
  const i = lines.indexOf('Priority 1: improve the timeliness');
  assert.ok(i > 0, lines.slice(0, 80).join(' | '));
  assert.deepEqual(lines.slice(i + 2, i + 8), ['4', '0%', '25%', '25%', '50%', '25%']);
  const pages = pdfPageCount(pdf);
  assert.equal(lines.filter((l) => new RegExp(`^SEND Improvement Plan Update . page \\d+ of ${pages}$`).test(l)).length, pages, 'every page numbered');
});

test('the KPI section reaches Word and PDF: scorecard rows with ratings in words, and the exception report', async () => {
  const data = { ...paperFixture({ actions: 10 }), kpis: KPI_SECTION_FIXTURE };
  const { paragraphs } = await docxParagraphs(await renderDocx(paperBlocks(data), meta));
  const i = paragraphs.indexOf('Requests decided within 6 weeks');
  assert.deepEqual(paragraphs.slice(i, i + 5), ['Requests decided within 6 weeks', '88.0%', '85.0%', 'On target', 'Improving: up 2.0 percentage points']);
  assert.ok(paragraphs.includes('KPI exception report'));
  assert.ok(paragraphs.includes('Locum educational psychologists commissioned.'));
  assert.ok(!paragraphs.includes('No KPI data available'));
  const lines = pdfLines(await renderPdf(paperBlocks(data), meta, { compress: false }));
  assert.ok(lines.includes('KPI exception report'), lines.join(' | ').slice(-2000));
  assert.ok(lines.includes('On target'));
  assert.ok(lines.some((l) => l.startsWith('Locum educational psychologists')));
});

test('names in any Latin, Greek or Cyrillic script print as written; what the fonts cannot draw becomes "?", not a box', async () => {
  assert.equal(pdfSafe('Score ≥ 15 → escalate'), 'Score ≥ 15 → escalate');
  assert.equal(pdfSafe('Café – “quoted” £5 × 3'), 'Café – “quoted” £5 × 3');
  assert.equal(pdfSafe('Łukasz Wiśniewski, Ŵyn ap Siôn, Şükrü, Nguyễn, Олег, Ελένη'), 'Łukasz Wiśniewski, Ŵyn ap Siôn, Şükrü, Nguyễn, Олег, Ελένη');
  assert.equal(pdfSafe('王秀英 (Wang)'), '??? (Wang)');
  assert.equal(pdfSafe('line one\nline two\tend\u0007'), 'line one\nline two\tend?');
  const pdf = await renderPdf([{ kind: 'title', text: 'Łukasz Ŵyn' }, { kind: 'paragraph', text: 'Dear Şükrü Nguyễn and Олег, 王 — score ≥ 15' }], meta, { compress: false });
  const lines = pdfLines(pdf);
  assert.deepEqual(lines.slice(0, 2), ['Łukasz Ŵyn', 'Dear Şükrü Nguyễn and Олег, ? — score ≥ 15']);
  assert.match(pdf.toString('latin1'), /\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed\b/, 'the font is embedded (subset)');
});

test('a paper from a 500-action plan: generation times are measured (targets: Word ≤ 3 s, PDF ≤ 5 s)', async () => {
  const data = paperFixture({ actions: 500, risks: 40 });
  const blocks = paperBlocks(data);
  await renderDocx(paperBlocks(paperFixture()), meta); // warm up
  await renderPdf(paperBlocks(paperFixture()), meta);
  let t = performance.now();
  const docx = await renderDocx(blocks, meta);
  const docxMs = performance.now() - t;
  t = performance.now();
  const pdf = await renderPdf(blocks, meta);
  const pdfMs = performance.now() - t;
  const pages = pdfPageCount(pdf);
  console.log(`board paper, 500 actions, ${pages} PDF pages: docx ${Math.round(docxMs)} ms (${docx.length >> 10} KiB), pdf ${Math.round(pdfMs)} ms (${pdf.length >> 10} KiB)`);
  assert.ok(pages >= 25, `a long paper (${pages} pages)`);
  // The targets (Word ≤ 3 s, PDF ≤ 5 s) are held by bench/scenarios/board-paper.ts on a quiet machine; here,
  // beside other test files on a shared machine, only a gross regression (twice the target) fails.
  assert.ok(docxMs < 6000, `Word in ${Math.round(docxMs)} ms`);
  assert.ok(pdfMs < 10000, `PDF in ${Math.round(pdfMs)} ms`);
});
