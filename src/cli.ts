// `joinedup <command>`: the command line for administrators (see `joinedup --help`). Commands live in
// src/cli/commands/ and register themselves in the registry (src/cli/registry.ts).
import './cli/commands/index.ts';
import { runCli } from './cli/main.ts';
import { createIO } from './cli/io.ts';

const code = await runCli(process.argv.slice(2), createIO());
// Let stdout and stderr drain before leaving (they may be pipes), then exit even if a library left a timer.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
process.exit(code);
