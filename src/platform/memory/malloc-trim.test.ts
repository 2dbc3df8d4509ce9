import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mallocTrim } from './malloc-trim.ts';

// glibc is what this project's machines and its Debian-based deployments run; elsewhere the binding is
// absent and the server simply does not trim.
const glibc = process.platform === 'linux' && fs.readdirSync('/usr/lib').some((d) => fs.existsSync(`/usr/lib/${d}/libc.so.6`));

test('on glibc, malloc_trim is found and answers, without an experimental-feature warning', { skip: !glibc && 'not a glibc system' }, () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const trim = mallocTrim();
    assert.equal(typeof trim, 'function');
    assert.equal(typeof trim!(), 'boolean');
    assert.equal(mallocTrim(), trim, 'resolved once');
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings.filter((m) => /FFI/.test(m)), []);
});

test('trimming gives freed small allocations back to the system', { skip: !glibc && 'not a glibc system' }, () => {
  // 200 MB in 1 kB pieces (each under glibc's mmap threshold, so they live in its heaps), then freed:
  // the process keeps the pages until malloc_trim hands them back.
  const script = `
    const { mallocTrim } = await import(${JSON.stringify(new URL('./malloc-trim.ts', import.meta.url).href)});
    let held = [];
    for (let i = 0; i < 200_000; i++) held.push(Buffer.allocUnsafeSlow(1000));
    held = null;
    gc(); gc();
    const before = process.memoryUsage.rss();
    const ok = mallocTrim()();
    const after = process.memoryUsage.rss();
    console.log(JSON.stringify({ ok, before, after }));`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072' },
  });
  const { ok, before, after } = JSON.parse(out.trim().split('\n').at(-1)!) as { ok: boolean; before: number; after: number };
  assert.equal(ok, true, 'malloc_trim released memory');
  assert.ok(before - after > 100 * 1024 * 1024, `resident memory fell by only ${Math.round((before - after) / 1048576)} MB`);
});

test('collectAndTrim: with --expose-gc, garbage left by a burst is collected before trimming', { skip: !glibc && 'not a glibc system' }, () => {
  const script = `
    const { collectAndTrim } = await import(${JSON.stringify(new URL('./malloc-trim.ts', import.meta.url).href)});
    let garbage = [];
    for (let i = 0; i < 1_000_000; i++) garbage.push({ i, s: 'row ' + i });
    garbage = null;
    const before = process.memoryUsage().heapUsed;
    const ok = collectAndTrim()();
    const after = process.memoryUsage().heapUsed;
    console.log(JSON.stringify({ ok, before, after }));`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const { ok, before, after } = JSON.parse(out.trim().split('\n').at(-1)!) as { ok: boolean; before: number; after: number };
  assert.equal(ok, true);
  assert.ok(before - after > 30 * 1024 * 1024, `the heap fell by only ${Math.round((before - after) / 1048576)} MB`);
});
