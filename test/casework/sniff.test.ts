// The upload sniffer, table-driven: each accepted type by its content, files cut short, files renamed
// to another type's extension, empty files, and look-alikes (a zip that is not a Word document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { sniffFile } from '../../src/modules/casework/documents/sniff.ts';
import { renderDocx } from '../../src/modules/governance/papers/docx.ts';
import { renderPdf } from '../../src/modules/governance/papers/pdf.ts';

const blocks = [{ kind: 'paragraph' as const, text: 'Advice from the educational psychologist' }];
const meta = { title: 'Advice', subject: 'Advice', areaName: 'Test' };

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// A minimal JPEG: SOI, an APP0 segment, EOI.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xd9])]);
// An OLE compound file: header (signature, byte order FFFE at 28, sector shift 9 at 30) padded to 3 sectors.
const DOC = Buffer.alloc(1536);
Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(DOC, 0);
DOC.writeUInt16LE(0xfffe, 28);
DOC.writeUInt16LE(9, 30);

const DOCX = await renderDocx(blocks, meta);
const PDF = await renderPdf(blocks, meta);
const zipOf = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [k, v] of Object.entries(files)) z.file(k, v);
  return z.generateAsync({ type: 'nodebuffer' });
};
const XLSX = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
const WORD_WITHOUT_TYPES = await zipOf({ 'word/document.xml': '<w:document/>' });

const cases: Array<{ name: string; bytes: Buffer; file: string; type?: string; contentType?: string; error?: RegExp }> = [
  { name: 'a PDF', bytes: PDF, file: 'advice.pdf', type: 'pdf', contentType: 'application/pdf' },
  { name: 'a DOCX', bytes: DOCX, file: 'advice.docx', type: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { name: 'a DOC (OLE compound file)', bytes: DOC, file: 'old.DOC', type: 'doc', contentType: 'application/msword' },
  { name: 'a PNG', bytes: PNG, file: 'photo.png', type: 'png', contentType: 'image/png' },
  { name: 'a JPEG named .jpg', bytes: JPEG, file: 'photo.jpg', type: 'jpeg', contentType: 'image/jpeg' },
  { name: 'a JPEG named .jpeg', bytes: JPEG, file: 'photo.jpeg', type: 'jpeg' },
  { name: 'an empty file', bytes: Buffer.alloc(0), file: 'empty.pdf', error: /^The selected file is empty$/ },
  { name: 'plain text', bytes: Buffer.from('hello'), file: 'notes.txt', error: /must be a PDF, Word document \(DOCX or DOC\), PNG or JPEG/ },
  { name: 'HTML renamed to .pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), file: 'advice.pdf', error: /must be a PDF, Word document/ },
  { name: 'a spreadsheet (zip without word/)', bytes: XLSX, file: 'figures.docx', error: /must be a PDF, Word document/ },
  { name: 'a zip with word/ but no [Content_Types].xml', bytes: WORD_WITHOUT_TYPES, file: 'x.docx', error: /must be a PDF/ },
  { name: 'a PDF cut short', bytes: PDF.subarray(0, Math.floor(PDF.length / 2)), file: 'advice.pdf', error: /looks like a PDF but is incomplete or damaged/ },
  { name: 'only the PDF header', bytes: Buffer.from('%PDF-1.7\n'), file: 'advice.pdf', error: /incomplete or damaged/ },
  { name: 'a DOCX cut short', bytes: DOCX.subarray(0, DOCX.length - 30), file: 'advice.docx', error: /looks like a Word document \(DOCX\) but is incomplete/ },
  { name: 'a PNG cut short', bytes: PNG.subarray(0, 40), file: 'photo.png', error: /looks like a PNG image but is incomplete/ },
  { name: 'a JPEG cut short', bytes: JPEG.subarray(0, JPEG.length - 2), file: 'photo.jpg', error: /looks like a JPEG image but is incomplete/ },
  { name: 'a DOC cut short', bytes: DOC.subarray(0, 700), file: 'old.doc', error: /Word 97–2003 document \(DOC\) but is incomplete/ },
  { name: 'a PNG renamed .pdf', bytes: PNG, file: 'advice.pdf', error: /called \.pdf but its content is a PNG image, not a PDF: rename it/ },
  { name: 'a PDF renamed .docx', bytes: PDF, file: 'advice.docx', error: /called \.docx but its content is a PDF, not a Word document \(DOCX\)/ },
  { name: 'a DOCX renamed .doc', bytes: DOCX, file: 'advice.doc', error: /content is a Word document \(DOCX\), not a Word 97–2003/ },
  { name: 'a PDF named .exe', bytes: PDF, file: 'advice.exe', error: /name must end in \.pdf, because it is a PDF/ },
  { name: 'a PDF with no extension', bytes: PDF, file: 'advice', error: /name must end in \.pdf/ },
];

for (const c of cases) {
  test(`sniffer: ${c.name}`, () => {
    const r = sniffFile(c.bytes, c.file);
    if (c.error) {
      assert.equal(r.ok, false, `expected a refusal, got ${JSON.stringify(r)}`);
      assert.match((r as { message: string }).message, c.error);
    } else {
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal((r as { type: string }).type, c.type);
      if (c.contentType) assert.equal((r as { contentType: string }).contentType, c.contentType);
    }
  });
}
