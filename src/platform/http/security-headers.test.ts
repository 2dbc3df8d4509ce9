import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityHeaders } from './security-headers.ts';

const directives = (csp: string) => new Map(csp.split(';').map((d) => { const [name, ...values] = d.trim().split(' '); return [name!, values.join(' ')]; }));

test('the policy: strict sources, the nonces on scripts and styles only, upgrade and HSTS only over HTTPS', () => {
  for (const secure of [false, true]) {
    const { headers, nonces } = securityHeaders({ secure }).next();
    const csp = directives(headers['content-security-policy']!);
    assert.equal(csp.get('default-src'), "'self'");
    assert.equal(csp.get('script-src'), `'self' 'nonce-${nonces.script}'`);
    assert.equal(csp.get('style-src'), `'self' 'nonce-${nonces.style}'`);
    assert.equal(csp.get('script-src-attr'), "'none'");
    assert.equal(csp.get('img-src'), "'self' data:");
    assert.equal(csp.get('object-src'), "'none'");
    assert.equal(csp.get('frame-ancestors'), "'none'");
    assert.equal(csp.get('form-action'), "'self'");
    assert.equal(csp.get('base-uri'), "'self'");
    assert.equal(csp.has('upgrade-insecure-requests'), secure);
    assert.equal(headers['strict-transport-security'], secure ? 'max-age=31536000; includeSubDomains' : undefined);
    assert.equal([...csp.values()].join(' ').match(/nonce-/g)?.length, 2, 'exactly two nonces');
  }
});

test('the other headers are helmet\'s', () => {
  const { headers } = securityHeaders({ secure: false }).next();
  assert.deepEqual({ ...headers, 'content-security-policy': undefined }, {
    'content-security-policy': undefined,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
});

test('every response gets fresh, unguessable nonces, different for scripts and styles', () => {
  const security = securityHeaders({ secure: true });
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const { nonces } = security.next();
    for (const n of [nonces.script, nonces.style]) {
      assert.match(n, /^[0-9a-f]{32}$/, '128 random bits');
      assert.ok(!seen.has(n));
      seen.add(n);
    }
  }
});

test('a response\'s headers are its own: changing one leaves the next untouched', () => {
  const security = securityHeaders({ secure: false });
  const first = security.next();
  first.headers['x-frame-options'] = 'ALLOW';
  assert.equal(security.next().headers['x-frame-options'], 'SAMEORIGIN');
});
