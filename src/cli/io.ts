// What a command gets to work with: the output streams, the configuration (read on first use), the
// database (opened, migrated and closed around the work), the audit actor, and password input.
import os from 'node:os';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import type { AuditContext } from '../platform/audit/audit.ts';
import { CliError } from './registry.ts';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown; fd?: number };

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: Input;
  env: Record<string, string | undefined>;
  /** Writes a line to stdout (the command's result, for scripts). */
  out(text: string): void;
  /** Writes a line to stderr (progress, notices). */
  err(text: string): void;
  /** The configuration from the environment; throws ConfigError when it is invalid. */
  config(): Config;
  /** `cli:<operating-system user>`: the audit trail's actor for everything the CLI changes. */
  actorLabel: string;
  /** The audit context for a change made from the CLI. */
  auditContext(areaId: string | null): AuditContext;
  /** Opens the configured database (migrated unless `migrate: false`), runs fn, and closes it. */
  withDatabase<T>(fn: (database: Database) => Promise<T>, opts?: { migrate?: boolean }): Promise<T>;
  /** A secret from stdin: prompted without echo on a terminal (asked twice when `confirm`), else the first line. */
  readSecret(prompt: string, opts?: { confirm?: boolean }): Promise<string>;
  /** Resolves with the signal when SIGINT or SIGTERM arrives (long-running commands). */
  waitForStop(): Promise<NodeJS.Signals>;
}

export function osUserName(env: Record<string, string | undefined> = process.env): string {
  try {
    return os.userInfo().username;
  } catch {
    return env['USER'] ?? env['USERNAME'] ?? 'unknown';
  }
}

export function createIO(opts: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream; stdin?: Input; env?: Record<string, string | undefined> } = {}): CliIO {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const stdin = opts.stdin ?? process.stdin;
  const env = opts.env ?? process.env;
  let config: Config | undefined;
  const actorLabel = `cli:${osUserName(env)}`;
  const io: CliIO = {
    stdout, stderr, stdin, env, actorLabel,
    out: (text) => { stdout.write(`${text}\n`); },
    err: (text) => { stderr.write(`${text}\n`); },
    config: () => (config ??= loadConfig(env)),
    auditContext: (areaId) => ({ actorLabel, actorUserId: null, areaId }),
    async withDatabase(fn, o = {}) {
      const cfg = io.config();
      const database = o.migrate === false
        ? await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.databaseSchema, dataDir: cfg.dataDir })
        // Loaded here, not at the top: runtime.ts pulls in the whole web app, which help and usage errors do not need.
        : await (await import('../runtime.ts')).openMigratedDatabase(cfg);
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    async readSecret(prompt, o = {}) {
      if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
        const first = await readHidden(stdin, stderr, prompt);
        if (o.confirm) {
          const again = await readHidden(stdin, stderr, 'Type it again: ');
          if (again !== first) throw new CliError('The two entries do not match. Nothing was changed.');
        }
        return first;
      }
      const line = await readFirstLine(stdin);
      if (line === null) throw new CliError('Nothing was given on standard input. Pipe the password in, e.g. `printf "%s\\n" "$PASSWORD" | joinedup …`.');
      return line;
    },
    waitForStop() {
      return new Promise((resolve) => {
        const on = (signal: NodeJS.Signals) => {
          process.off('SIGINT', on);
          process.off('SIGTERM', on);
          // A second signal while stopping means "now".
          const force = () => process.exit(130);
          process.once('SIGINT', force);
          process.once('SIGTERM', force);
          resolve(signal);
        };
        process.on('SIGINT', on);
        process.on('SIGTERM', on);
      });
    },
  };
  return io;
}

/** The first line of a stream (without its line ending), or null when the stream ends empty. */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const finish = (value: string | null) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) finish(buf.slice(0, nl).replace(/\r$/, ''));
    };
    const onEnd = () => finish(buf.length > 0 ? buf.replace(/\r$/, '') : null);
    const onError = (err: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      reject(err);
    };
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

/** Reads a line from a terminal in raw mode, echoing nothing. Ctrl-C abandons the command. */
function readHidden(stdin: Input, stderr: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode!(true); // before the prompt, so nothing typed after it is echoed
    stdin.setEncoding('utf8');
    stderr.write(prompt);
    const done = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliError('Cancelled. Nothing was changed.'));
        if (ch === '\u0004') return value ? done(null) : done(new CliError('Nothing was typed. Nothing was changed.'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** A plain-text table: padded columns, a header row and a rule. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => headers.map((_, i) => String(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** 'YYYY-MM-DD HH:MM' in UTC, for listings. */
export function shortTime(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : '';
}
