// Signing in over HTTP like a browser (cookie + CSRF token), and making an API token through /account.
import * as cheerio from 'cheerio';
import { totp } from '../../src/platform/auth/totp.ts';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../../src/platform/demo/people.ts';

export const CASEWORKER = 'caseworker@demo.joinedup.invalid';
const ADMIN = 'admin@demo.joinedup.invalid';

/** A minimal cookie jar: name → value, from Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  absorb(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function get(baseUrl: string, path: string, jar: CookieJar): Promise<{ res: Response; html: string }> {
  const res = await fetch(baseUrl + path, { headers: { cookie: jar.header() }, redirect: 'manual' });
  jar.absorb(res);
  return { res, html: await res.text() };
}

async function postForm(baseUrl: string, path: string, jar: CookieJar, fields: Record<string, string>): Promise<{ res: Response; html: string }> {
  const res = await fetch(baseUrl + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  jar.absorb(res);
  return { res, html: await res.text() };
}

function csrfFrom(html: string, where: string): string {
  const token = cheerio.load(html)('input[name="_csrf"]').first().attr('value');
  if (!token) throw new Error(`No _csrf field on ${where}`);
  return token;
}

/** Signs a demo person in (the admin's second factor is answered from the published demo key); returns the `jusid` value. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const jar = new CookieJar();
  const page = await get(baseUrl, '/sign-in', jar);
  if (page.res.status !== 200) throw new Error(`GET /sign-in answered ${page.res.status}`);
  const done = await postForm(baseUrl, '/sign-in', jar, { email, password, _csrf: csrfFrom(page.html, 'GET /sign-in') });
  if (done.res.status !== 303) throw new Error(`POST /sign-in for ${email} answered ${done.res.status}, not 303`);
  const next = done.res.headers.get('location');
  if (next === '/sign-in/two-factor' && email === ADMIN) {
    const tf = await get(baseUrl, next, jar);
    const r = await postForm(baseUrl, next, jar, { code: totp(DEMO_ADMIN_TOTP_SECRET, new Date()), _csrf: csrfFrom(tf.html, next) });
    if (r.res.status !== 303) throw new Error(`POST ${next} answered ${r.res.status} (a code is accepted once per 30 s)`);
  } else if (next?.startsWith('/sign-in/')) {
    throw new Error(`${email} needs a second factor (${next}); the benchmark cannot sign in as them`);
  }
  const sid = jar.cookies.get('jusid');
  if (!sid) throw new Error(`POST /sign-in for ${email} set no jusid cookie`);
  return sid;
}

/** Makes a personal API token through the account page (POST /account/tokens) and reads it from #new-token. */
export async function createTokenViaWeb(baseUrl: string, jusid: string, name = 'benchmark', days = 1): Promise<string> {
  const jar = new CookieJar();
  jar.cookies.set('jusid', jusid);
  const account = await get(baseUrl, '/account', jar);
  if (account.res.status !== 200) throw new Error(`GET /account answered ${account.res.status}`);
  const made = await postForm(baseUrl, '/account/tokens', jar, { name, days: String(days), _csrf: csrfFrom(account.html, 'GET /account') });
  if (made.res.status !== 200) throw new Error(`POST /account/tokens answered ${made.res.status}`);
  const token = cheerio.load(made.html)('#new-token').text().trim();
  if (!token.startsWith('ju_')) throw new Error('POST /account/tokens showed no #new-token');
  return token;
}
