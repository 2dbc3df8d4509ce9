// `npm start`'s command line: the benchmark starts the server the same way, so it must read the start
// script's settings and Node options exactly, and refuse a shape it does not understand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startScript } from '../../bench/lib/server.ts';

test('the start script in package.json: allocator settings and garbage-collector options', () => {
  const { env, flags } = startScript();
  assert.deepEqual(env['GLIBC_TUNABLES']?.split(':').sort(), [
    'glibc.malloc.arena_max=2', 'glibc.malloc.mmap_threshold=131072', 'glibc.malloc.trim_threshold=131072',
  ]);
  assert.deepEqual(flags, ['--max-semi-space-size=4', '--heap-growing-percent=50', '--expose-gc']);
});

const cases: Array<[string, { env: Record<string, string>; flags: string[] } | RegExp]> = [
  ['node src/server.ts', { env: {}, flags: [] }],
  ['  node   --a=1  src/server.ts ', { env: {}, flags: ['--a=1'] }],
  ['A=1 B_2=x=y node --b src/server.ts', { env: { A: '1', B_2: 'x=y' }, flags: ['--b'] }],
  ['tsx src/server.ts', /is not "\[NAME=value …\] node/],
  ['node src/other.ts', /is not/],
  ['node -r x src/server.ts', /is not/],
  ['a=1 node src/server.ts', /is not/], // lower-case: not an environment assignment, so not "node …"
];
for (const [script, expected] of cases) {
  test(`start script ${JSON.stringify(script)}`, () => {
    if (expected instanceof RegExp) assert.throws(() => startScript(script), expected);
    else assert.deepEqual(startScript(script), expected);
  });
}
