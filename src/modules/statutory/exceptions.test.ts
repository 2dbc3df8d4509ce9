import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicableExceptions, EXCEPTION_CODES, isExceptionCode, TIMESCALE_EXCEPTIONS } from './exceptions.ts';

describe('reg 10(4)(a)–(d) exceptions', () => {
  it('lists exactly codes a–d, each with a basis in reg 10(4) and a label', () => {
    assert.deepEqual(EXCEPTION_CODES, ['a', 'b', 'c', 'd']);
    for (const e of TIMESCALE_EXCEPTIONS) {
      assert.equal(e.basis, `SEND Regulations 2014, reg 10(4)(${e.code})`);
      assert.ok(e.label.length > 20);
    }
  });
  it('recognises codes', () => {
    assert.equal(isExceptionCode('c'), true);
    assert.equal(isExceptionCode('e'), false);
    assert.equal(isExceptionCode('A'), false);
  });
  it('filters recorded codes to those the limit allows, in order, without duplicates', () => {
    assert.deepEqual(applicableExceptions('finalPlan', ['d', 'b', 'd']), ['b', 'd']);
    assert.deepEqual(applicableExceptions('decisionToAssess', ['b']), []); // reg 5(4) has no early years limb
    assert.deepEqual(applicableExceptions('decisionToAssess', ['a', 'b', 'c', 'd']), ['a', 'c', 'd']);
    assert.deepEqual(applicableExceptions('decisionNotToIssue', []), []);
    assert.deepEqual(applicableExceptions('reassessmentFinalPlan', ['c']), ['c']);
  });
});
