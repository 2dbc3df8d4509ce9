// glibc's malloc_trim(0), reached through node:ffi: returns every wholly free page of the C heaps to the
// operating system. Resolved once; where it is not available (node:ffi missing or switched off, a C library
// other than glibc, another operating system) the answer is null and callers carry on without it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Trim = () => boolean;
let resolved: Trim | null | undefined;

export function mallocTrim(): Trim | null {
  if (resolved !== undefined) return resolved;
  resolved = null;
  if (process.platform !== 'linux') return resolved;
  // node:ffi announces itself as experimental on first load; the server's log is not the place for that.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (/\bFFI\b/.test(typeof warning === 'string' ? warning : warning.message)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const ffi = require('node:ffi') as typeof import('node:ffi');
    // null: the symbols of the running process, which include the C library it was linked with.
    const { functions } = ffi.dlopen(null, { malloc_trim: { arguments: ['uint64'], return: 'int32' } });
    resolved = () => functions.malloc_trim(0n) === 1;
  } catch {
    resolved = null; // no node:ffi, or no malloc_trim (not glibc)
  } finally {
    process.emitWarning = emitWarning;
  }
  return resolved;
}

/**
 * What the server does when it falls idle: a full garbage collection, where Node was started with
 * `--expose-gc` (npm start is), then malloc_trim. Null when neither is available.
 *
 * The collection is V8's "last resort" kind: it compacts, shrinks the young generation and hands back
 * the pages V8 keeps pooled for reuse (an ordinary one leaves them pooled for another 8 seconds or
 * more), so the JavaScript heap falls to what is live at once. It takes 100–150 ms; the server is idle.
 */
export function collectAndTrim(): (() => boolean) | null {
  const trim = mallocTrim();
  const collect = globalThis.gc;
  if (!trim && !collect) return null;
  return () => {
    collect?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    return trim ? trim() : true;
  };
}
