// The fonts embedded in every PDF Joined Up makes (board papers, letters, plans): DejaVu Sans
// Condensed, from the dejavu-fonts-ttf package (a free licence; pdfkit embeds only the glyphs used;
// condensed, because tables set in the wider DejaVu Sans broke words in narrow columns). The
// standard PDF fonts cover only Windows-1252, so a child called Łukasz, Wiśniewska or Ŵyn would
// print with a "?" in their name; DejaVu Sans covers Latin, Greek and Cyrillic script in full. What
// none of the three styles can draw (Chinese, say) is printed as "?" rather than an empty box.
//
// The fonts are named by file path, not registered under names: pdfkit's tables restore the font
// after each cell by its source, and a registered font's source is its bytes, which pdfkit cannot
// cache, so it re-parsed the font for every cell (a 500-action paper took 8 s instead of 1.5 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fontkit } from '../../../platform/lazy.ts';

const DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT = path.join(DIR, 'DejaVuSansCondensed.ttf');
export const BOLD = path.join(DIR, 'DejaVuSansCondensed-Bold.ttf');
export const ITALIC = path.join(DIR, 'DejaVuSansCondensed-Oblique.ttf');

let drawable: ((codePoint: number) => boolean) | undefined;

/** Whether all three styles have a glyph for the character (the fonts are read the first time). */
function canDraw(codePoint: number): boolean {
  if (!drawable) {
    const faces = [FONT, BOLD, ITALIC].map((file) => fontkit().create(readFileSync(file)));
    const known = new Map<number, boolean>();
    drawable = (cp) => {
      let yes = known.get(cp);
      if (yes === undefined) {
        yes = faces.every((f) => f.hasGlyphForCodePoint(cp));
        known.set(cp, yes);
      }
      return yes;
    };
  }
  return drawable(codePoint);
}

/** The text with every character the fonts cannot draw replaced by "?" (line breaks and tabs kept). */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && canDraw(cp)) ? ch : '?';
  }
  return out;
}
