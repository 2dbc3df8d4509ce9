// Parses the command line, finds the command in the registry, checks its options, runs it and turns
// what it throws into one clear line on stderr and an exit code: 0 done, 1 failed, 2 wrong usage.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError } from '../config.ts';
import { DataDirInUseError } from '../platform/db/lock.ts';
import { HttpError, ValidationError } from '../platform/http/errors.ts';
import { allCommands, findCommand, groupCommands, CliError, UsageError, type CommandArgs, type CommandSpec } from './registry.ts';
import type { CliIO } from './io.ts';

const HELP_FLAGS = new Set(['--help', '-h']);

export function globalHelp(): string {
  const cmds = allCommands();
  const width = Math.max(...cmds.map((c) => c.name.length)) + 2;
  const lines = cmds.map((c) => `  ${c.name.padEnd(width)}${c.description}`);
  return [
    'Joined Up command line.',
    '',
    'Usage: joinedup <command> [options]',
    '       joinedup <command> --help     (details of one command)',
    '',
    'Commands:',
    ...lines,
    '',
    'The database is the one the environment names: PostgreSQL when DATABASE_URL is set (schema',
    'DATABASE_SCHEMA), otherwise the embedded database in DATA_DIR (default ./data). Changes are',
    'recorded in the audit trail as made by cli:<your user name>.',
  ].join('\n');
}

function groupHelp(group: string): string {
  const cmds = groupCommands(group);
  const width = Math.max(...cmds.map((c) => c.name.length)) + 2;
  return [`Usage: joinedup ${group} <${cmds.map((c) => c.name.split(' ')[1]).join('|')}> [options]`, '', 'Commands:',
    ...cmds.map((c) => `  ${c.name.padEnd(width)}${c.description}`), '', `Run \`joinedup ${group} <command> --help\` for details.`].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const out = [`Usage: joinedup ${spec.usage}`, '', spec.description];
  if (spec.details) out.push('', spec.details);
  const rows: [string, string][] = [];
  for (const p of spec.positionals ?? []) rows.push([p.name.toUpperCase(), `${p.description}${p.required ? '' : ' (optional)'}`]);
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const notes = [o.required ? 'required' : '', o.default !== undefined ? `default ${o.default}` : ''].filter(Boolean).join(', ');
    rows.push([flag, `${o.description}${notes ? ` (${notes})` : ''}`]);
  }
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  out.push('', 'Arguments and options:', ...rows.map(([a, b]) => `  ${a.padEnd(width)}${b}`));
  return out.join('\n');
}

function parseCommandArgs(spec: CommandSpec, argv: string[]): CommandArgs {
  const options: ParseArgsOptionsConfig = {};
  for (const [name, o] of Object.entries(spec.options ?? {})) options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // node's messages are clear but long; keep the first sentence.
    throw new UsageError((err as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    if (o.type === 'string' && values[name] === undefined && o.default !== undefined) values[name] = o.default;
    if (o.required && (values[name] === undefined || values[name] === '')) throw new UsageError(`--${name} is required`);
  }
  const pos = spec.positionals ?? [];
  const required = pos.filter((p) => p.required).length;
  if (parsed.positionals.length < required) throw new UsageError(`missing ${pos[parsed.positionals.length]!.name.toUpperCase()}`);
  if (parsed.positionals.length > pos.length) throw new UsageError(`unexpected argument "${parsed.positionals[pos.length]}"`);
  return {
    positionals: parsed.positionals,
    values,
    string: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    flag: (name) => values[name] === true,
  };
}

function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0 && !err.message) return describeError(err.errors[0]);
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    io.err(globalHelp());
    return 2;
  }
  if (HELP_FLAGS.has(first) || first === 'help') {
    const topic = argv.slice(1).filter((a) => !HELP_FLAGS.has(a));
    if (topic.length === 0) {
      io.out(globalHelp());
      return 0;
    }
    argv = [...topic, '--help'];
    return runCli(argv, io);
  }
  let spec: CommandSpec | undefined;
  let rest: string[];
  if (second !== undefined && findCommand(`${first} ${second}`)) {
    spec = findCommand(`${first} ${second}`);
    rest = argv.slice(2);
  } else {
    spec = findCommand(first);
    rest = argv.slice(1);
  }
  if (!spec) {
    if (groupCommands(first).length > 0) {
      if (second === undefined || HELP_FLAGS.has(second)) {
        (second ? io.out : io.err)(groupHelp(first));
        return second ? 0 : 2;
      }
      io.err(`joinedup: unknown command "${first} ${second}".\n`);
      io.err(groupHelp(first));
      return 2;
    }
    io.err(`joinedup: unknown command "${first}".\n`);
    io.err(globalHelp());
    return 2;
  }
  const name = spec.name;
  if (rest.some((a) => HELP_FLAGS.has(a))) {
    io.out(commandHelp(spec));
    return 0;
  }
  try {
    const args = parseCommandArgs(spec, rest);
    const code = await spec.run(args, io);
    return code ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`joinedup ${name}: ${err.message}. Run \`joinedup ${name} --help\` for usage.`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof DataDirInUseError) {
      io.err(err.message);
      return 1;
    }
    if (err instanceof ValidationError) {
      io.err(`joinedup ${name}: ${err.errors.map((e) => e.message).join('; ') || err.message}`);
      return 1;
    }
    if (err instanceof CliError || err instanceof HttpError) {
      io.err(`joinedup ${name}: ${err.message}`);
      return 1;
    }
    io.err(`joinedup ${name} failed: ${describeError(err)}`);
    if (io.env['JOINEDUP_DEBUG'] && err instanceof Error && err.stack) io.err(err.stack);
    return 1;
  }
}
