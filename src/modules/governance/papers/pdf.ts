// Renders a board paper's blocks as a tagged PDF (pdfkit): real, searchable text; a structure tree
// with headings (H1–H4), paragraphs, lists and tables (TH/TD); the document language and title set;
// page numbers marked as artifacts so assistive technology skips them.
import { pdfkit } from '../../../platform/lazy.ts';
import { FILL, type Block } from './model.ts';
import type { DocMeta } from './docx.ts';
import { BOLD, FONT, ITALIC, pdfSafe } from './fonts.ts';

export { pdfSafe };

const MARGIN = 56.7; // 2 cm
const BODY = 10;
const PAD = 3;
const HEADING_SIZES = { 0: 20, 1: 15, 2: 12.5, 3: 11 } as const;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

function heading(doc: Doc, root: Struct, text: string, level: 0 | 1 | 2 | 3): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(level === 0 ? 0 : 0.6);
  doc.font(BOLD).fontSize(HEADING_SIZES[level]).fillColor('black');
  doc.text(pdfSafe(text), { structParent: root, structType: `H${level + 1}` } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, root: Struct, text: string, style?: 'bold' | 'small' | 'placeholder'): void {
  doc.font(style === 'bold' ? BOLD : style === 'placeholder' ? ITALIC : FONT).fontSize(style === 'small' ? 8.5 : BODY);
  doc.text(pdfSafe(text), { structParent: root, structType: 'P' } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.4);
}

function list(doc: Doc, root: Struct, items: readonly string[]): void {
  const l = doc.struct('L');
  root.add(l);
  doc.font(FONT).fontSize(BODY);
  const x = doc.x;
  for (const item of items) {
    doc.text(`\u2022  ${pdfSafe(item)}`, x + 10, doc.y, { structParent: l, structType: 'LI', width: doc.page.width - 2 * MARGIN - 10 } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.15);
  }
  doc.x = x;
  l.end();
  doc.moveDown(0.3);
}

function table(doc: Doc, root: Struct, b: Extract<Block, { kind: 'table' }>): void {
  if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
  doc.font(BOLD).fontSize(9);
  doc.text(pdfSafe(b.caption), { structParent: root, structType: 'Caption' } as PDFKit.Mixins.TextOptions);
  doc.moveDown(0.2);
  const width = doc.page.width - 2 * MARGIN;
  const total = b.widths.reduce((a, c) => a + c, 0);
  doc.font(FONT).fontSize(8);
  const header = b.header.map((h) => ({ text: pdfSafe(h), type: 'TH' as const, backgroundColor: '#E5E6E7', font: { src: BOLD } }));
  const rows = b.rows.map((row) => row.map((c, i) => ({
    text: pdfSafe(c.text),
    type: (b.rowHeaders && i === 0 ? 'TH' : 'TD') as 'TH' | 'TD',
    ...(c.colour ? { backgroundColor: `#${FILL[c.colour]}` } : {}),
    ...(c.bold || (b.rowHeaders && i === 0) ? { font: { src: BOLD } } : {}),
  })));
  const colWidths = b.widths.map((w) => (w / total) * width);
  // Rows never split; when the next one will not fit, the table continues on a new page under a
  // repeated header row (pdfkit does not repeat headers itself).
  const rowHeight = (row: ReadonlyArray<{ text: string; font?: { src: string } }>) => Math.max(...row.map((c, i) => {
    doc.font(c.font?.src ?? FONT).fontSize(8);
    return doc.heightOfString(c.text || ' ', { width: colWidths[i]! - 2 * PAD }) + 2 * PAD + 1;
  }));
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const headerHeight = rowHeight(header);
  let chunk: typeof rows = [];
  let y = doc.y + headerHeight;
  const flush = () => {
    (doc as unknown as { table(o: unknown): Doc }).table({
      structParent: root, columnStyles: colWidths.map((w) => ({ width: w })),
      defaultStyle: { border: 0.5, borderColor: '#B1B4B6', padding: PAD, font: { src: FONT, size: 8 } },
      data: [header, ...chunk],
    });
    chunk = [];
  };
  for (const row of rows) {
    const h = rowHeight(row);
    if (chunk.length && y + h > bottom()) {
      flush();
      doc.addPage();
      y = doc.y + headerHeight;
    }
    chunk.push(row);
    y += h;
  }
  flush();
  doc.x = MARGIN;
  doc.font(FONT).fontSize(BODY);
  doc.moveDown(0.8);
}

function titleBlock(doc: Doc, root: Struct, rows: ReadonlyArray<readonly [string, string]>): void {
  for (const [label, value] of rows) {
    const p = doc.struct('P');
    root.add(p);
    doc.font(BOLD).fontSize(BODY);
    p.add(doc.struct('Span', {}, () => { doc.text(`${label.toUpperCase()}: `, { continued: true }); }));
    doc.font(FONT);
    p.add(doc.struct('Span', {}, () => { doc.text(pdfSafe(value)); }));
    p.end();
    doc.moveDown(0.15);
  }
  doc.moveDown(0.5);
}

export async function renderPdf(blocks: readonly Block[], meta: DocMeta, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true, compress: opts.compress ?? true,
    tagged: true, lang: 'en-GB', displayTitle: true, pdfVersion: '1.7',
    info: { Title: pdfSafe(meta.title), Subject: pdfSafe(meta.subject), Author: pdfSafe(`Joined Up – ${meta.areaName}`), Creator: 'Joined Up' },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONT);
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const b of blocks) {
    switch (b.kind) {
      case 'title': heading(doc, root, b.text, 0); break;
      case 'titleBlock': titleBlock(doc, root, b.rows); break;
      case 'heading': heading(doc, root, b.text, b.level); break;
      case 'paragraph': paragraph(doc, root, b.text, b.style); break;
      case 'list': list(doc, root, b.items); break;
      case 'table': table(doc, root, b); break;
      case 'pageBreak': doc.addPage(); break;
    }
  }
  root.end();
  // Page numbers, as artifacts (not part of the document's reading order).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' } as PDFKit.Mixins.MarkingOptions);
    doc.font(FONT).fontSize(8).fillColor('#505A5F')
      .text(pdfSafe(`${meta.subject} – page ${i + 1} of ${range.count}`), MARGIN, doc.page.height - MARGIN / 2 - 8, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** Pages in a rendered PDF (counts page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
