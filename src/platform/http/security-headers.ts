// The security headers on every response: helmet's, with a strict Content-Security-Policy carrying a
// fresh nonce per request for scripts and styles.
//
// Helmet decides the headers and formats the policy, once, at start-up; a request only draws two
// nonces and joins them into the policy text. (@fastify/helmet, used before, built every one of
// helmet's middlewares and parsed the policy again on each request: a few per cent of a page's CPU.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import helmet, { type HelmetOptions } from 'helmet';

export interface CspNonces { script: string; style: string }

export interface SecurityHeaders {
  /** The headers for one response, with fresh nonces, and the nonces for the page's own tags. */
  next(): { headers: Record<string, string>; nonces: CspNonces };
}

// Markers put where the nonces go; helmet only copies a source expression through, so each stands in
// the formatted policy exactly once.
const SCRIPT = 'nonce-JOINEDUPSCRIPTNONCE';
const STYLE = 'nonce-JOINEDUPSTYLENONCE';

export function securityHeaders(opts: { secure: boolean }): SecurityHeaders {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'", `'${SCRIPT}'`], styleSrc: ["'self'", `'${STYLE}'`], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.secure ? [] : null,
      },
    },
    strictTransportSecurity: opts.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
  const headers = headersSetBy(helmet(options));
  const policy = headers['content-security-policy'];
  const parts = policy?.split(new RegExp(`${SCRIPT}|${STYLE}`));
  if (!policy || parts?.length !== 3 || policy.indexOf(SCRIPT) > policy.indexOf(STYLE)) {
    throw new Error(`Unexpected Content-Security-Policy from helmet: ${policy}`);
  }
  const [beforeScript, between, afterStyle] = parts as [string, string, string];
  return {
    next() {
      const bytes = randomBytes(32).toString('hex');
      const nonces = { script: bytes.slice(0, 32), style: bytes.slice(32) };
      return {
        headers: { ...headers, 'content-security-policy': `${beforeScript}nonce-${nonces.script}${between}nonce-${nonces.style}${afterStyle}` },
        nonces,
      };
    },
  };
}

/** Runs a helmet middleware against a recording response and returns what it set (names lower-cased). */
function headersSetBy(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): Record<string, string> {
  const set: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) { delete set[name.toLowerCase()]; },
  };
  let done = false;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return set;
}
