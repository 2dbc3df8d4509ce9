import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, passwordProblem } from './password.ts';
import { base32Decode, base32Encode, hotp, totp, verifyTotp, totpStep } from './totp.ts';

test('argon2id hashes verify the right password only, and are salted', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword(a, 'correct horse battery'), true);
  assert.equal(await verifyPassword(a, 'correct horse batterz'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('password rules', () => {
  assert.equal(passwordProblem('short'), 'Password must be 12 characters or more');
  assert.equal(passwordProblem('aaaaaaaaaaaaaaa'), 'Password must not be one character repeated');
  assert.equal(passwordProblem('a long enough password'), null);
});

// RFC 4226 appendix D test vectors (secret "12345678901234567890").
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
test('HOTP matches the RFC 4226 test vectors', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(RFC_SECRET, counter), code));
});

test('TOTP matches RFC 6238 (SHA-1, 6 digits) and refuses replays', () => {
  // RFC 6238 vectors are 8 digits; the 6-digit code is the last six.
  const vectors: [number, string][] = [[59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037']];
  for (const [secs, code] of vectors) assert.equal(totp(RFC_SECRET, new Date(secs * 1000)), code, String(secs));
  const at = new Date(1234567890 * 1000);
  const step = verifyTotp(RFC_SECRET, '005924', at, null);
  assert.equal(step, totpStep(at));
  assert.equal(verifyTotp(RFC_SECRET, '005924', at, step), null, 'the same code cannot be used twice');
  assert.equal(verifyTotp(RFC_SECRET, '000000', at, null), null);
  assert.equal(verifyTotp(RFC_SECRET, 'abc', at, null), null);
  // One step of clock drift either way is accepted.
  assert.notEqual(verifyTotp(RFC_SECRET, totp(RFC_SECRET, new Date(at.getTime() - 30_000)), at, null), null);
  assert.equal(verifyTotp(RFC_SECRET, totp(RFC_SECRET, new Date(at.getTime() - 90_000)), at, null), null);
});

test('base32 round-trips', () => {
  for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) assert.equal(base32Decode(base32Encode(Buffer.from(s))).toString(), s);
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
});
