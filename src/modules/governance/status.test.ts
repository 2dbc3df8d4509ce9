import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptedStatusLabels,
  parseStatusLabel,
  statusColour,
  statusesFor,
  statusLabel,
  type ActionStatus,
  type StatusScheme,
} from './status.ts';

const cases: ReadonlyArray<readonly [string, ActionStatus, ActionStatus]> = [
  // label, under RAG, under BRAG
  ['Complete', 'complete', 'complete'],
  ['Completed', 'complete', 'complete'],
  ['  COMPLETED  ', 'complete', 'complete'],
  ['On target', 'on-target', 'on-target'],
  ['on-target', 'on-target', 'on-target'],
  ['On track', 'on-target', 'on-target'],
  ['Green', 'on-target', 'on-target'],
  ['Delayed', 'delayed', 'delayed'],
  ['At risk', 'delayed', 'delayed'],
  ['Off track', 'delayed', 'delayed'],
  ['Off-track', 'delayed', 'delayed'],
  ['Significantly delayed', 'delayed', 'delayed'],
  ['Amber', 'delayed', 'delayed'],
  ['red', 'delayed', 'delayed'],
  ['Not started', 'not-started', 'not-started'],
  ['not_started', 'not-started', 'not-started'],
  ['Not yet started', 'not-started', 'not-started'],
  ['Grey', 'not-started', 'not-started'],
  ['Blue', 'complete', 'embedded'],
  ['Embedded', 'complete', 'embedded'],
  ['Complete and embedded', 'complete', 'embedded'],
  ['Completed and embedded', 'complete', 'embedded'],
];

for (const [label, rag, brag] of cases) {
  for (const [scheme, expected] of [
    ['rag', rag],
    ['brag', brag],
  ] as const) {
    test(`parseStatusLabel(${JSON.stringify(label)}, ${scheme}) → ${expected}`, () => {
      assert.deepEqual(parseStatusLabel(label, scheme), { ok: true, status: expected });
    });
  }
}

for (const bad of ['In progress', '', '   ', 'G', 'Completed!', 'On', 'Partially complete']) {
  for (const scheme of ['rag', 'brag'] as const) {
    test(`parseStatusLabel rejects ${JSON.stringify(bad)} under ${scheme} and lists accepted labels`, () => {
      const r = parseStatusLabel(bad, scheme);
      assert.equal(r.ok, false);
      if (r.ok) return;
      for (const label of ['Complete', 'On target', 'Delayed', 'Not started', 'Green', 'Amber', 'Red', 'Blue']) {
        assert.ok(r.error.includes(label), `error should list ${label}: ${r.error}`);
      }
      assert.ok(r.error.includes(scheme.toUpperCase()));
    });
  }
}

test('accepted labels are title-cased and the same set under both schemes', () => {
  assert.deepEqual(acceptedStatusLabels('rag'), acceptedStatusLabels('brag'));
  assert.ok(acceptedStatusLabels('rag').includes('Not yet started'));
});

test('statusesFor: embedded only under BRAG', () => {
  assert.deepEqual(statusesFor('rag'), ['complete', 'on-target', 'delayed', 'not-started']);
  assert.deepEqual(statusesFor('brag'), ['embedded', 'complete', 'on-target', 'delayed', 'not-started']);
});

const display: ReadonlyArray<readonly [ActionStatus, StatusScheme, string, string]> = [
  ['complete', 'rag', 'Complete', 'blue'],
  ['complete', 'brag', 'Complete', 'light-blue'],
  ['embedded', 'brag', 'Complete and embedded', 'blue'],
  ['on-target', 'rag', 'On target', 'green'],
  ['delayed', 'brag', 'Delayed', 'amber'],
  ['not-started', 'rag', 'Not started', 'grey'],
];
for (const [status, scheme, label, colour] of display) {
  test(`display ${status} under ${scheme}: ${label}, ${colour}`, () => {
    assert.equal(statusLabel(status), label);
    assert.equal(statusColour(status, scheme), colour);
  });
}

test('every display label parses back to its status', () => {
  for (const scheme of ['rag', 'brag'] as const) {
    for (const s of statusesFor(scheme)) assert.deepEqual(parseStatusLabel(statusLabel(s), scheme), { ok: true, status: s });
  }
});
