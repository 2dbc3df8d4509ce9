// CSRF protection for every form: a synchroniser token bound to the browser. Signed in, the token is an
// HMAC of the session id; before sign-in it is an HMAC of a random `jucsrf` cookie. Every unsafe request
// that carries cookies must send the token in the `_csrf` field (or the `x-csrf-token` header).
// API calls authenticated by a bearer token carry no cookies and need none.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, randomToken, safeEqual } from '../auth/secrets.ts';
import { SESSION_COOKIE, cookieOptions } from './session.ts';

export const CSRF_COOKIE = 'jucsrf';

export function csrfTokenFor(req: FastifyRequest, reply: FastifyReply, secret: string, secure: boolean): string {
  const sid = req.cookies[SESSION_COOKIE];
  if (sid && req.session) return hmac(secret, `s:${sid}`);
  let anon = req.cookies[CSRF_COOKIE];
  if (!anon || anon.length > 100) {
    anon = randomToken(24);
    req.cookies[CSRF_COOKIE] = anon;
    reply.setCookie(CSRF_COOKIE, anon, cookieOptions(secure));
  }
  return hmac(secret, `a:${anon}`);
}

export function csrfValid(req: FastifyRequest, secret: string): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (typeof body?.['_csrf'] === 'string' ? body['_csrf'] : undefined) ?? req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent.length === 0) return false;
  const sid = req.cookies[SESSION_COOKIE];
  const anon = req.cookies[CSRF_COOKIE];
  if (sid && safeEqual(sent, hmac(secret, `s:${sid}`))) return true;
  if (anon && safeEqual(sent, hmac(secret, `a:${anon}`))) return true;
  return false;
}
