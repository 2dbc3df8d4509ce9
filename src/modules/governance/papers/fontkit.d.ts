// The part of fontkit (a dependency of pdfkit, which ships no types) that fonts.ts uses.
declare module 'fontkit' {
  export interface Font { hasGlyphForCodePoint(codePoint: number): boolean }
  export function create(buffer: Buffer): Font;
}
