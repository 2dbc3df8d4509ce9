// Rendering GOV.UK Frontend components is most of the cost of a page: every call of a component macro
// includes its template, which imports further macros, each step resolving paths and building nunjucks
// frames. A component's HTML depends only on the arguments it is called with (the macros are imported
// without context, so they cannot see the page's data), so the same call gives the same HTML. This
// module makes a nunjucks environment
//  - remember what a template imported without context exports (the macros), instead of running the
//    imported template again on every import;
//  - remember the HTML of GOV.UK component calls, keyed by their arguments, in a small bounded cache;
//  - remember where relative template paths resolve to.
// Calls whose arguments are not plain data (a `caller()` block, a class instance) are never cached.
// Nothing of one request's page can reach another's except a component's HTML for the very same
// arguments, which is the HTML that request would have rendered itself.
import nunjucks from 'nunjucks';

/** Component templates whose macros are pure functions of their arguments. */
const COMPONENT_MACROS = /[/\\]govuk-frontend[/\\]dist[/\\]govuk[/\\]components[/\\][a-z-]+[/\\]macro\.njk$/;

export interface MacroCacheLimits {
  /** Most characters held (keys and HTML together). */
  maxChars: number;
  /** Calls with a longer key (large tables, long texts) are rendered and not kept. */
  maxKeyChars: number;
  /** HTML longer than this is not kept. */
  maxHtmlChars: number;
}

export const DEFAULT_LIMITS: MacroCacheLimits = { maxChars: 4_000_000, maxKeyChars: 8_000, maxHtmlChars: 32_000 };

type SafeStringLike = { val: string };

/** Least recently used first; bounded by the characters it holds. */
export class MacroCache {
  readonly #entries = new Map<string, SafeStringLike>();
  #chars = 0;
  readonly limits: MacroCacheLimits;
  hits = 0;
  misses = 0;
  constructor(limits: MacroCacheLimits = DEFAULT_LIMITS) { this.limits = limits; }

  get size(): number { return this.#entries.size; }
  get chars(): number { return this.#chars; }

  get(key: string): SafeStringLike | undefined {
    const v = this.#entries.get(key);
    if (v === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, v);
    return v;
  }

  set(key: string, html: SafeStringLike): void {
    if (html.val.length > this.limits.maxHtmlChars) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#chars -= key.length + old.val.length;
    }
    this.#entries.set(key, html);
    this.#chars += key.length + html.val.length;
    for (const [k, v] of this.#entries) {
      if (this.#chars <= this.limits.maxChars) break;
      this.#entries.delete(k);
      this.#chars -= k.length + v.val.length;
    }
  }
}

/**
 * A string that identifies the arguments exactly as a template sees them, or undefined when they are not
 * plain data (or too big to be worth keeping). Plain strings and SafeStrings differ (one is escaped, the
 * other not), as do undefined and null.
 */
function keyOf(args: unknown, SafeString: new (v: string) => unknown, maxChars: number): string | undefined {
  let out = '';
  let budget = 2_000;
  const write = (value: unknown): boolean => {
    if (--budget < 0) return false;
    switch (typeof value) {
      case 'string': out += JSON.stringify(value); return true;
      case 'number': out += Number.isFinite(value) ? String(value) : `#${String(value)}`; return true;
      case 'boolean': out += value ? 'T' : 'F'; return true;
      case 'undefined': out += 'U'; return true;
      case 'object': {
        if (value === null) {
          out += 'N';
          return true;
        }
        if (value instanceof SafeString) {
          out += `S${JSON.stringify((value as SafeStringLike).val)}`;
          return true;
        }
        if (value instanceof Date) {
          out += Number.isNaN(value.getTime()) ? 'D!' : `D${value.toISOString()}`;
          return true;
        }
        if (Array.isArray(value)) {
          out += '[';
          for (let i = 0; i < value.length; i++) {
            if (!write(value[i])) return false;
            out += ',';
          }
          out += ']';
          return true;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) return false;
        out += '{';
        const obj = value as Record<string, unknown>;
        for (const name in obj) {
          if (!Object.hasOwn(obj, name)) continue;
          out += JSON.stringify(name);
          out += ':';
          if (!write(obj[name])) return false;
          out += ',';
        }
        out += '}';
        return out.length <= maxChars;
      }
      default: return false; // functions (a caller() block), symbols, bigints
    }
  };
  return write(args) && out.length <= maxChars ? out : undefined;
}

interface TemplateLike {
  path?: string;
  getExported(ctx?: unknown, parentFrame?: unknown, cb?: unknown): unknown;
}

const PATCHED = Symbol('joinedup.memo');

/** Makes `env` remember imports, component HTML and resolved paths (see the top of this file). */
export function memoiseTemplates(env: nunjucks.Environment, cache = new MacroCache()): MacroCache {
  const SafeString = nunjucks.runtime.SafeString as unknown as new (v: string) => unknown;

  // Relative paths ("./template.njk" from a component) resolve the same way every time.
  const resolved = new Map<string, string>();
  const e = env as unknown as {
    resolveTemplate(loader: unknown, parentName: string | null, filename: string): string;
    getTemplate(name: unknown, eagerCompile?: unknown, parentName?: unknown, ignoreMissing?: unknown, cb?: unknown): unknown;
  };
  const resolveTemplate = e.resolveTemplate.bind(env);
  e.resolveTemplate = (loader, parentName, filename) => {
    if (!parentName) return resolveTemplate(loader, parentName, filename);
    const key = `${parentName}\0${filename}`;
    let r = resolved.get(key);
    if (r === undefined) {
      r = resolveTemplate(loader, parentName, filename);
      if (resolved.size < 10_000) resolved.set(key, r);
    }
    return r;
  };

  const patch = (tmpl: unknown) => {
    const t = tmpl as TemplateLike & { [PATCHED]?: true };
    if (!t || typeof t !== 'object' || t[PATCHED]) return;
    t[PATCHED] = true;
    const getExported = t.getExported.bind(t);
    const memoiseCalls = typeof t.path === 'string' && COMPONENT_MACROS.test(t.path);
    let exported: Record<string, unknown> | undefined;
    t.getExported = (ctx?: unknown, parentFrame?: unknown, cb?: unknown) => {
      // Only an import without context ({% from "…" import x %}) gets the same exports every time.
      if (typeof ctx !== 'function' || parentFrame !== undefined || cb !== undefined) return getExported(ctx, parentFrame, cb);
      const done = ctx as (err: unknown, exports?: Record<string, unknown>) => void;
      if (exported) return done(null, exported);
      return getExported((err: unknown, exports?: Record<string, unknown>) => {
        if (!err && exports) exported = memoiseCalls ? wrapMacros(exports) : exports;
        done(err, err ? exports : exported);
      });
    };
  };

  const wrapMacros = (exports: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(exports)) {
      if (typeof fn !== 'function') {
        out[name] = fn;
        continue;
      }
      const macro = fn as (...args: unknown[]) => unknown;
      out[name] = function memoisedMacro(this: unknown, ...args: unknown[]) {
        const k = keyOf(args, SafeString, cache.limits.maxKeyChars);
        if (k === undefined) return macro.apply(this, args);
        const key = `${name}${k}`;
        const hit = cache.get(key);
        if (hit) {
          cache.hits++;
          return hit;
        }
        cache.misses++;
        const html = macro.apply(this, args);
        if (html instanceof SafeString) cache.set(key, html as SafeStringLike);
        return html;
      };
    }
    return out;
  };

  // Every template the environment hands out (to render, extend, include or import) is patched once;
  // the loaders cache templates, so this happens on first use only.
  const getTemplate = e.getTemplate.bind(env);
  e.getTemplate = (name, eagerCompile, parentName, ignoreMissing, cb) => {
    // nunjucks takes the callback in the second, third or fifth place.
    const args = [eagerCompile, parentName, ignoreMissing, cb];
    const at = args.findIndex((a) => typeof a === 'function');
    if (at === -1) {
      const t = getTemplate(name, eagerCompile, parentName, ignoreMissing, cb);
      patch(t);
      return t;
    }
    const callback = args[at] as (err: unknown, t?: unknown) => void;
    args[at] = (err: unknown, t?: unknown) => {
      if (!err) patch(t);
      callback(err, t);
    };
    return getTemplate(name, ...args);
  };
  return cache;
}
