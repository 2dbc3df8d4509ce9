// What an uploaded file really is, judged by its content (magic bytes and structure), never by its
// name or the browser's claimed type. Pure: bytes in, a verdict out.
//
// Accepted: PDF, Word (DOCX: a zip holding `[Content_Types].xml` and a `word/` part; DOC: an OLE
// compound file), PNG and JPEG. The name's extension must agree with the content, so a PNG renamed
// to .pdf is refused rather than stored under a type that would mislead whoever opens it. A file cut
// short (no end-of-file marker, no zip directory) is refused too: it would not open.

export type FileType = 'pdf' | 'docx' | 'doc' | 'png' | 'jpeg';

export const FILE_TYPES: Record<FileType, { label: string; contentType: string; extensions: readonly string[] }> = {
  pdf: { label: 'a PDF', contentType: 'application/pdf', extensions: ['pdf'] },
  docx: { label: 'a Word document (DOCX)', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  doc: { label: 'a Word 97–2003 document (DOC)', contentType: 'application/msword', extensions: ['doc'] },
  png: { label: 'a PNG image', contentType: 'image/png', extensions: ['png'] },
  jpeg: { label: 'a JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
};

export const ACCEPTED = 'a PDF, Word document (DOCX or DOC), PNG or JPEG';

export type Sniffed = { ok: true; type: FileType; contentType: string } | { ok: false; message: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

type Verdict = FileType | { incomplete: FileType } | null;

function startsWith(b: Buffer, sig: Buffer | string): boolean {
  const s = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : sig;
  return b.length >= s.length && b.subarray(0, s.length).equals(s);
}

/** The names in a zip's central directory, or null when there is none (not a zip, or cut short). */
export function zipEntryNames(b: Buffer): string[] | null {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) !== 0x06054b50) continue;
    const count = b.readUInt16LE(i + 10);
    const size = b.readUInt32LE(i + 12);
    const offset = b.readUInt32LE(i + 16);
    if (offset + size > i) return null;
    const names: string[] = [];
    let p = offset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > offset + size || b.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = b.readUInt16LE(p + 28);
      const extraLen = b.readUInt16LE(p + 30);
      const commentLen = b.readUInt16LE(p + 32);
      if (p + 46 + nameLen > offset + size) return null;
      names.push(b.toString('utf8', p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return null;
}

function detect(b: Buffer): Verdict {
  if (startsWith(b, '%PDF-')) {
    // Incremental saves append; the last %%EOF sits in the final kilobyte (trailing whitespace allowed).
    return b.subarray(Math.max(0, b.length - 1024)).includes('%%EOF') ? 'pdf' : { incomplete: 'pdf' };
  }
  if (startsWith(b, PNG_SIGNATURE)) {
    return b.length >= 8 + 25 + 12 && b.subarray(b.length - 8).equals(PNG_IEND) ? 'png' : { incomplete: 'png' };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // End-of-image marker; some cameras add a few bytes after it.
    return b.subarray(Math.max(0, b.length - 1024)).includes(Buffer.from([0xff, 0xd9])) ? 'jpeg' : { incomplete: 'jpeg' };
  }
  if (startsWith(b, CFB_SIGNATURE)) {
    // Compound files are whole sectors: 512 bytes (version 3) or 4,096 (version 4, sector shift 12).
    const sector = b.length >= 32 && b.readUInt16LE(30) === 12 ? 4096 : 512;
    return b.length >= 2 * sector && b.length % sector === 0 ? 'doc' : { incomplete: 'doc' };
  }
  if (startsWith(b, 'PK\x03\x04')) {
    const names = zipEntryNames(b);
    if (!names) return { incomplete: 'docx' };
    return names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/')) ? 'docx' : null;
  }
  return null;
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** Checks an upload's content against the accepted types and against its own name. */
export function sniffFile(bytes: Buffer, fileName: string): Sniffed {
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty' };
  const found = detect(bytes);
  if (found === null) return { ok: false, message: `The selected file must be ${ACCEPTED}` };
  if (typeof found === 'object') return { ok: false, message: `The selected file looks like ${FILE_TYPES[found.incomplete].label} but is incomplete or damaged: upload it again` };
  const ext = extensionOf(fileName);
  const expected = FILE_TYPES[found];
  if (!expected.extensions.includes(ext)) {
    const named = Object.values(FILE_TYPES).find((t) => t.extensions.includes(ext));
    return {
      ok: false,
      message: named
        ? `The selected file is called .${ext} but its content is ${expected.label}, not ${named.label}: rename it or choose the right file`
        : `The selected file's name must end in ${expected.extensions.map((e) => `.${e}`).join(' or ')}, because it is ${expected.label}`,
    };
  }
  return { ok: true, type: found, contentType: expected.contentType };
}
