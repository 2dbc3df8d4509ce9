// The command registry: every `joinedup` command is one `registerCommand` call. A module adds its
// commands by putting a file in src/cli/commands/ (or anywhere) that calls registerCommand, and one
// import line in src/cli/commands/index.ts. Names may have two words ("plans import"); the first word
// then groups commands in the help.
import type { CliIO } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. CODE. */
  value?: string;
  description: string;
  required?: boolean;
  /** Default for a string option, used when it is not given. */
  default?: string;
  short?: string;
}

export interface PositionalSpec { name: string; description: string; required?: boolean }

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  /** A string option's value (or its default), undefined when not given. */
  string(name: string): string | undefined;
  /** A boolean option: true when given. */
  flag(name: string): boolean;
}

export interface CommandSpec {
  /** One or two words, e.g. "migrate" or "plans import". */
  name: string;
  /** The synopsis after `joinedup`, e.g. "plans import FILE --area CODE --name NAME". */
  usage: string;
  /** One line for the command list. */
  description: string;
  /** Optional paragraphs for `joinedup <command> --help`. */
  details?: string;
  options?: Record<string, OptionSpec>;
  positionals?: PositionalSpec[];
  /** Returns the exit code (0 when nothing is returned). Throw UsageError or CliError to refuse. */
  run(args: CommandArgs, io: CliIO): Promise<number | void>;
}

/** The command line is wrong: exit code 2 and a pointer to the help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do what was asked: exit code 1 and this message. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const commands = new Map<string, CommandSpec>();

export function registerCommand(spec: CommandSpec): void {
  const name = spec.name.trim().replace(/\s+/g, ' ');
  if (!/^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?$/.test(name)) throw new Error(`Bad command name "${spec.name}": one or two lower-case words`);
  if (commands.has(name)) throw new Error(`The command "${name}" is registered twice`);
  const [group] = name.split(' ');
  // A word is either a command or a group of commands, never both.
  if (name.includes(' ') ? commands.has(group!) : [...commands.keys()].some((n) => n.startsWith(`${name} `))) {
    throw new Error(`The command "${name}" clashes with an existing command or group`);
  }
  commands.set(name, { ...spec, name });
}

export function allCommands(): CommandSpec[] {
  return [...commands.values()];
}

export function findCommand(name: string): CommandSpec | undefined {
  return commands.get(name);
}

/** The commands in a group ("areas" → "areas create", "areas list"). */
export function groupCommands(group: string): CommandSpec[] {
  return allCommands().filter((c) => c.name.startsWith(`${group} `));
}
