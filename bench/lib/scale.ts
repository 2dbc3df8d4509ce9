// The benchmark's large data sets, made by the same deterministic generator as the demo caseload:
//  * casework (issue #4): the demo area's people with 20,000 children and about 8,000 open cases spread
//    over 27 caseworkers (about 300 each);
//  * kpi (issue #6): an area with about 20,000 EHC plans in force and 5 years of requests and events
//    (about 29,500 cases and 510,000 events), for the KPI scorecard.
// Run as a child process, so the benchmark's own process never holds the embedded data folder:
//   node bench/lib/scale.ts seed [casework|kpi]   create, migrate and seed, with the KPI snapshots (DATA_DIR, or DATABASE_URL + DATABASE_SCHEMA)
//   node bench/lib/scale.ts recompute             time recomputing every case's deadlines (prints JSON)
import { loadConfig } from '../../src/config.ts';
import { openMigratedDatabase } from '../../src/runtime.ts';
import { seedDemo } from '../../src/platform/demo/seed.ts';
import { seedCasework, type DemoCaseworkOptions } from '../../src/modules/casework/demo.ts';
import { recomputeArea } from '../../src/modules/casework/recompute.ts';
import { snapshotEveryArea } from '../../src/modules/performance/scorecard/snapshots.ts';
import { DEMO_AREA } from '../../src/platform/demo/people.ts';

export const SCALE: DemoCaseworkOptions = {
  legacyPlans: 5900, requestsPerYear: 1800, years: 2.5, totalChildren: 20_000,
  extraCaseworkers: 25, mainShare: 0.0375, managerShare: 0.0375, seed: 4242,
};

/** Issue #6's "area of 20,000 plans and 5 years of events": about 20,000 plans in force today. */
export const KPI_SCALE: DemoCaseworkOptions = {
  legacyPlans: 16_000, requestsPerYear: 2700, years: 5, totalChildren: 32_000,
  extraCaseworkers: 25, mainShare: 0.0375, managerShare: 0.0375, seed: 6006,
};

const SETS: Record<string, DemoCaseworkOptions> = { casework: SCALE, kpi: KPI_SCALE };
const mode = process.argv[2];
const set = process.argv[3] ?? 'casework';
if (!SETS[set]) throw new Error(`unknown data set "${set}": casework or kpi`);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const database = await openMigratedDatabase(config);
try {
  const today = Temporal.Now.plainDateISO('Europe/London');
  if (mode === 'seed') {
    const started = performance.now();
    await seedDemo(database.db, today, [{ name: `${set} at scale`, seed: async (ctx) => { await seedCasework(ctx, SETS[set]); } }]);
    // The month-end KPI snapshots the monthly job keeps (it runs a minute after a server starts): a
    // warm scorecard reads past months from them and computes only the current period.
    await snapshotEveryArea(database.db, today);
    const counts = await database.db.selectFrom('ehc_case').select((eb) => [eb.fn.countAll<number>().as('cases'), eb.fn.sum<number>(eb.cast('is_open', 'integer')).as('open'), eb.fn.sum<number>(eb.cast('plan_in_force', 'integer')).as('plans')]).executeTakeFirstOrThrow();
    const events = await database.db.selectFrom('case_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const children = await database.db.selectFrom('child').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(JSON.stringify({ ms: Math.round(performance.now() - started), children: Number(children.n), cases: Number(counts.cases), open: Number(counts.open), plans: Number(counts.plans), events: Number(events.n) }));
  } else if (mode === 'recompute') {
    const area = await database.db.selectFrom('area').select('id').where('code', '=', DEMO_AREA.code).executeTakeFirstOrThrow();
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await recomputeArea(database.db, area.id, today, 'bench:recompute'));
    console.log(JSON.stringify(runs));
  } else {
    throw new Error('usage: node bench/lib/scale.ts seed [casework|kpi] | recompute');
  }
} finally {
  await database.close();
}
