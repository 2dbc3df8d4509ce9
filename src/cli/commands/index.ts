// Every command file, in the order the help lists them. To add commands (e.g. `plans import`), create a
// file here (or in your module) that calls registerCommand from ../registry.ts, and import it below.
import './migrate.ts';
import './seed-demo.ts';
import './demo-code.ts';
import './areas.ts';
import './users.ts';
import './tokens.ts';
import '../../modules/governance/plans/cli.ts';
import '../../modules/performance/benchmarks/cli.ts';
import '../../modules/casework/cli.ts';
import './backup.ts';
import './worker.ts';
