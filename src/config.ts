// The one place that reads the environment. Every setting is described by one zod schema;
// a bad or missing value stops start-up with a single message listing every bad key.
import { z } from 'zod';
import path from 'node:path';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const settingsSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development')
      .describe('development, test or production. Demo accounts exist only outside production.'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port.'),
    HOST: z.string().min(1).default('localhost').describe('Interface to listen on (0.0.0.0 for all).'),
    PUBLIC_URL: z.url().optional()
      .describe('The address people use to reach the service, for links in emails. Defaults to http://localhost:PORT.'),
    DATA_DIR: z.string().min(1).default('./data')
      .describe('Folder for the embedded database, the mail outbox, uploads and generated files.'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional()
      .describe('PostgreSQL 15+ connection string. When unset, the embedded database in DATA_DIR is used.'),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('public')
      .describe('PostgreSQL schema to use (tests use one per file).'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional()
      .describe('Secret for signing cookies and CSRF tokens. Required in production; generated into DATA_DIR otherwise.'),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()
      .describe('SMTP server for email. When unset, mail is written to the outbox in DATA_DIR.'),
    MAIL_FROM: z.string().min(3).default('Joined Up <no-reply@joinedup.invalid>').describe('Sender of emails.'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level.'),
    SEED_DEMO: boolish.optional()
      .describe('Seed the demo area on first start. Defaults to true outside production; never in production.'),
    RUN_JOBS: boolish.default(true).describe('Run the job worker inside the web server (else use `joinedup worker`).'),
    TRUST_PROXY: boolish.default(false).describe('Trust X-Forwarded-* headers from a reverse proxy.'),
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(60)
      .describe('Sign-in, second-factor and password-reset requests allowed per minute from one IP address (on top of the per-account lockout).'),
    UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(100).default(10).describe('Largest file upload (advice and evidence on a case), in megabytes. A larger file is refused with a message.'),
    CASEWORK_REMINDER_DAYS: z.string().regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, 'must be whole numbers of working days separated by commas, e.g. 10,2').default('10,2')
      .describe('Working days before a statutory deadline when the caseworker (and an adviser, for advice) is emailed a reminder; one more is sent once it is overdue.'),
    TZ: z.string().optional().describe('Time zone of the process; the service counts calendar days in Europe/London.'),
  })
  ;

export type Settings = z.infer<typeof settingsSchema>;

export interface Config {
  env: Settings['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Settings['LOG_LEVEL'];
  seedDemo: boolean;
  runJobs: boolean;
  trustProxy: boolean;
  uploadLimitBytes: number;
  signInRateLimit: number;
  /** Working days before a deadline when reminders go out, e.g. [10, 2]. */
  caseworkReminderDays: number[];
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Joined Up cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee the settings table in README.md.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment (process.env by default). Throws ConfigError listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty strings as unset, so `DATABASE_URL= npm start` means "embedded".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = settingsSchema.safeParse(cleaned);
  // Cross-field rules are checked on the raw values too, so they are listed even when other keys are bad.
  const crossField: string[] = [];
  if (cleaned['NODE_ENV'] === 'production' && !cleaned['SESSION_SECRET']) crossField.push('SESSION_SECRET: is required in production');
  if (cleaned['NODE_ENV'] === 'production' && ['true', '1', 'yes', 'on'].includes(cleaned['SEED_DEMO'] ?? '')) {
    crossField.push('SEED_DEMO: cannot be true in production (demo accounts are never created there)');
  }
  if (!parsed.success || crossField.length > 0) {
    const problems = (parsed.success ? [] : parsed.error.issues).map((i) => {
      const key = i.path.join('.') || '(environment)';
      const got = typeof i.path[0] === 'string' && cleaned[i.path[0]] !== undefined && !/SECRET|URL/.test(i.path[0])
        ? ` (got "${cleaned[i.path[0]]}")` : '';
      return `${key}: ${i.message}${got}`;
    });
    throw new ConfigError([...problems, ...crossField]);
  }
  const s = parsed.data;
  return {
    env: s.NODE_ENV,
    isProduction: s.NODE_ENV === 'production',
    port: s.PORT,
    host: s.HOST,
    publicUrl: (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(s.DATA_DIR),
    databaseUrl: s.DATABASE_URL,
    databaseSchema: s.DATABASE_SCHEMA,
    sessionSecret: s.SESSION_SECRET,
    smtpUrl: s.SMTP_URL,
    mailFrom: s.MAIL_FROM,
    logLevel: s.LOG_LEVEL,
    seedDemo: s.NODE_ENV === 'production' ? false : (s.SEED_DEMO ?? true),
    runJobs: s.RUN_JOBS,
    trustProxy: s.TRUST_PROXY,
    uploadLimitBytes: s.UPLOAD_LIMIT_MB * 1024 * 1024,
    signInRateLimit: s.SIGN_IN_RATE_LIMIT,
    caseworkReminderDays: [...new Set(s.CASEWORK_REMINDER_DAYS.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a),
  };
}

/** Rows for the README's settings table, generated from the schema so they cannot drift. */
export function settingsTable(): { key: string; description: string; default: string }[] {
  const shape = (settingsSchema as unknown as { _zod: { def: { in?: { shape: Record<string, z.ZodType> }; shape?: Record<string, z.ZodType> } } });
  const obj = shape._zod.def.in?.shape ?? shape._zod.def.shape ?? {};
  return Object.entries(obj).map(([key, schema]) => {
    const def = (schema as unknown as { _zod: { def: { defaultValue?: unknown } } })._zod.def.defaultValue;
    return { key, description: schema.description ?? '', default: def === undefined ? '' : String(def) };
  });
}
