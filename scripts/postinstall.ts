// Runs after `npm install`: compiles the council stylesheet so `npm start` serves it.
// Type-stripped by Node 26 (the pinned `node` devDependency), so no build tool is needed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';

if (!existsSync('assets/scss/app.scss')) process.exit(0);
mkdirSync('public', { recursive: true });
execFileSync(process.execPath, [
  'node_modules/sass/sass.js', '--pkg-importer=node', '--quiet-deps', '--no-source-map',
  '--style=compressed', 'assets/scss/app.scss', 'public/app.css',
], { stdio: 'inherit' });
