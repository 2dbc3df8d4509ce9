// Look-ups the commands share, failing with a message that says what exists instead.
import type { Executor } from '../platform/db/database.ts';
import { normaliseEmail } from '../modules/people/sign-in.ts';
import { CliError, UsageError } from './registry.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email as stored (trimmed, lower case); a usage error when it is not an address. */
export function emailOption(value: string): string {
  const email = normaliseEmail(value);
  if (!EMAIL.test(email)) throw new UsageError(`"${value}" is not an email address`);
  return email;
}

export async function areaByCode(db: Executor, code: string): Promise<{ id: string; code: string; name: string }> {
  const wanted = code.trim().toUpperCase();
  const area = await db.selectFrom('area').select(['id', 'code', 'name']).where('code', '=', wanted).executeTakeFirst();
  if (area) return area;
  const known = await db.selectFrom('area').select('code').orderBy('code').limit(20).execute();
  throw new CliError(`There is no area with code ${wanted}. ${known.length ? `Areas: ${known.map((a) => a.code).join(', ')}.` : 'There are no areas yet: create one with `joinedup areas create`.'}`);
}

export async function userByEmail(db: Executor, email: string): Promise<{ id: string; email: string; name: string; status: string }> {
  const user = await db.selectFrom('app_user').select(['id', 'email', 'name', 'status']).where('email', '=', email).executeTakeFirst();
  if (!user) throw new CliError(`There is nobody with the email address ${email}.`);
  return user;
}
