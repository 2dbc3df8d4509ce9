// The letter templates' placeholder language, deliberately tiny: `{{name.path}}` is replaced by a
// known fact about the case, and that is all. No expressions, loops, filters or HTML, so an
// administrator's template can never run code or reach data the letter was not given. Pure.
import type { FieldError } from '../../../platform/http/errors.ts';

const NAME = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/;

type Token = { kind: 'text'; text: string } | { kind: 'placeholder'; name: string; raw: string };

/** Splits one line into text and placeholders, or says what is wrong with its braces. */
function tokenise(line: string): { tokens: Token[]; problem?: string } {
  const tokens: Token[] = [];
  let i = 0;
  let text = '';
  while (i < line.length) {
    const ch = line[i]!;
    if (ch !== '{' && ch !== '}') { text += ch; i++; continue; }
    if (line.startsWith('{{', i)) {
      const end = line.indexOf('}}', i + 2);
      if (end < 0) return { tokens, problem: `"{{" is not closed with "}}"` };
      const inner = line.slice(i + 2, end);
      const raw = line.slice(i, end + 2);
      if (/[{}]/.test(inner) || line[end + 2] === '}') return { tokens, problem: `${raw}${line[end + 2] === '}' ? '}' : ''} has unbalanced braces: write placeholders as {{like.this}}` };
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push({ kind: 'placeholder', name: inner.trim(), raw });
      i = end + 2;
      continue;
    }
    if (line.startsWith('}}', i)) return { tokens, problem: `"}}" has no opening "{{"` };
    return { tokens, problem: `a single "${ch}" is not allowed: placeholders are written with two braces, like {{child.fullName}}` };
  }
  if (text) tokens.push({ kind: 'text', text });
  return { tokens };
}

/**
 * Checks a template against the placeholders it may use. Each problem names the line and the
 * placeholder, e.g. `Line 4: {{child.nmae}} is not a placeholder this letter can use`.
 */
export function checkTemplate(text: string, allowed: ReadonlySet<string>, field: string, what = 'letter'): FieldError[] {
  const errors: FieldError[] = [];
  text.split(/\r?\n/).forEach((line, n) => {
    const { tokens, problem } = tokenise(line);
    if (problem) { errors.push({ field, message: `Line ${n + 1}: ${problem}` }); return; }
    for (const t of tokens) {
      if (t.kind !== 'placeholder') continue;
      if (!NAME.test(t.name)) errors.push({ field, message: `Line ${n + 1}: ${t.raw} is not a valid placeholder name: use letters and dots only, like {{child.fullName}}` });
      else if (!allowed.has(t.name)) errors.push({ field, message: `Line ${n + 1}: {{${t.name}}} is not a placeholder this ${what} can use` });
    }
  });
  return errors;
}

/** Replaces each placeholder with its value. The template must have passed `checkTemplate`. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.split(/\r?\n/).map((line) => {
    const { tokens, problem } = tokenise(line);
    if (problem) throw new Error(`template line not checked: ${problem}`);
    return tokens.map((t) => (t.kind === 'text' ? t.text : values[t.name] ?? '')).join('');
  }).join('\n');
}

/** The placeholders a template uses (for the edit page's help). */
export function placeholdersIn(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) for (const t of tokenise(line).tokens) if (t.kind === 'placeholder') out.add(t.name);
  return [...out];
}
