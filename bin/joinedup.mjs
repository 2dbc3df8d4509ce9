#!/usr/bin/env node
// `joinedup`: runs src/cli.ts, which needs Node 26 or later (it is TypeScript, run by type stripping).
// On an older `node`, re-runs itself with the Node the project installs (the `node` package in
// node_modules), passing the arguments, standard streams, signals and exit code through.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src', 'cli.ts');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 26) {
  await import(pathToFileURL(entry).href);
} else {
  const candidates = [];
  // The project's own node_modules, then any above it (npm may hoist the `node` package).
  for (let dir = root; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', 'node', 'bin', 'node'), path.join(dir, 'node_modules', '.bin', 'node'));
    if (path.dirname(dir) === dir) break;
  }
  const node = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.realpathSync(file) !== fs.realpathSync(process.execPath);
    } catch {
      return false;
    }
  });
  if (!node) {
    process.stderr.write(`joinedup needs Node.js 26 or later (this is ${process.versions.node}). Run \`npm install\` in ${root} to install it locally, or install Node.js 26.\n`);
    process.exit(1);
  }
  const child = spawn(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  // The terminal sends Ctrl-C to the whole process group; other signals (e.g. from a supervisor) are forwarded.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => { if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal); });
  }
  child.on('error', (err) => {
    process.stderr.write(`joinedup: could not start ${node}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
}
