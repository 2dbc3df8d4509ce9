// Prints the README's settings table from the configuration schema: `node scripts/settings-table.ts`.
import { settingsTable } from '../src/config.ts';

console.log('| Setting | Default | What it does |\n|---|---|---|');
for (const s of settingsTable()) console.log(`| \`${s.key}\` | ${s.default ? `\`${s.default}\`` : '—'} | ${s.description} |`);
