// The KPI scorecard's engine, in process (no server): the existing figure from
// src/modules/performance/kpis/bench.ts (computeKpis over BENCH_KPI_CASES synthetic cases, every KPI),
// and a reference timing: the same fact rows (the engine's per-case facts as at the period's asAt,
// day numbers, missing = NULL) loaded into an in-memory DuckDB, and the headline KPIs computed there
// as SQL. Prints the JS and DuckDB times for those KPIs and their ratio; checks both give the same
// values (a mismatch fails the scenario, since the timing would then compare different work).
//
//   BENCH_ONLY='kpi scorecard' BENCH_BACKENDS=pglite BENCH_STARTUPS=1 BENCH_KPI_CASES=20000 ./node_modules/.bin/node bench/run.ts
import { DuckDBInstance } from '@duckdb/node-api';
import { computeKpis } from '../../src/modules/performance/kpis/engine.ts';
import { KPIS } from '../../src/modules/performance/kpis/catalogue.ts';
import { deriveFacts, toPeriod } from '../../src/modules/performance/kpis/facts.ts';
import { syntheticCases } from '../../src/modules/performance/kpis/synthetic.ts';
import type { Row, Scenario } from '../lib/types.ts';

const CTX = { from: '2024-01-01', to: '2024-12-31', asAt: '2025-01-16' };
const HEADLINE = ['requests-received', 'requests-decided-within-6-weeks-pc', 'new-plans', 'plans-issued-within-20-weeks-pc', 'plans-issued-within-20-weeks-excl-exceptions-pc', 'plans-in-force'] as const;

/** Percent to one decimal place, half up on the exact fraction (as arith.ts percent1dp), in integers. */
const pct = (num: string, den: string) => `case when ${den} = 0 then null else ((2000 * ${num} + ${den}) // (2 * ${den})) / 10.0 end`;

function headlineSql(from: number, to: number): string {
  const inP = (col: string) => `(${col} between ${from} and ${to})`;
  const timed = `${inP('final_issued')} and request is not null`;
  return `select
    count(*) filter (where ${inP('request')}) as "requests-received",
    count(*) filter (where ${inP('request')} and decided and decision - request <= 42) as rd_num,
    count(*) filter (where ${inP('request')} and decided) as rd_den,
    count(*) filter (where ${inP('final_issued')}) as "new-plans",
    count(*) filter (where ${timed} and final_issued - request <= 140) as t_num,
    count(*) filter (where ${timed}) as t_den,
    count(*) filter (where ${timed} and not exception and final_issued - request <= 140) as tx_num,
    count(*) filter (where ${timed} and not exception) as tx_den,
    count(*) filter (where in_force) as "plans-in-force"
  from facts`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (v: number) => Math.round(v * 100) / 100;

export default {
  name: 'kpi scorecard',
  order: 5,
  // In process: the figures do not depend on the server's database, so once is enough.
  backends: ['pglite'],
  async run(ctx) {
    const n = Number(process.env['BENCH_KPI_CASES'] ?? 20000);
    const runs = Number(process.env['BENCH_KPI_RUNS'] ?? 20);
    const cases = syntheticCases(n, 42);
    const p = toPeriod(CTX, cases.length);

    // 1. The existing scorecard figure: every KPI, facts derived per call.
    for (let i = 0; i < 3; i++) computeKpis(cases, CTX);
    const all: number[] = [];
    for (let i = 0; i < runs; i++) { const t = performance.now(); computeKpis(cases, CTX); all.push(performance.now() - t); }
    // 2. The headline KPIs alone in JS (facts derived + evaluated), the like-for-like figure.
    const js: number[] = [];
    let jsValues = new Map<string, number | null>();
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const r = computeKpis(cases, CTX, HEADLINE);
      if (i >= 3) js.push(performance.now() - t);
      jsValues = new Map(r.map((x) => [x.id, x.value]));
    }

    // 3. DuckDB: the same fact rows, then the headline KPIs as one SQL query.
    const F = deriveFacts(cases, p);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run('create table facts (request integer, decision integer, decided boolean, final_issued integer, exception boolean, in_force boolean)');
      const tLoad = performance.now();
      const app = await conn.createAppender('facts');
      const day = (v: number) => (Number.isNaN(v) ? app.appendNull() : app.appendInteger(v));
      for (let i = 0; i < F.n; i++) {
        day(F.request[i]!);
        day(F.decisionToAssess[i]!);
        app.appendBoolean(F.assess[i] === 1 || F.refuse[i] === 1);
        day(F.finalIssued[i]!);
        app.appendBoolean(F.exception[i] === 1);
        app.appendBoolean(F.inForce[i] === 1);
        app.endRow();
      }
      app.closeSync();
      const loadMs = performance.now() - tLoad;
      const sql = `select "requests-received", ${pct('rd_num', 'rd_den')} as "requests-decided-within-6-weeks-pc", "new-plans",
        ${pct('t_num', 't_den')} as "plans-issued-within-20-weeks-pc", ${pct('tx_num', 'tx_den')} as "plans-issued-within-20-weeks-excl-exceptions-pc", "plans-in-force"
        from (${headlineSql(p.from, p.to)})`;
      const duck: number[] = [];
      let row: Record<string, unknown> = {};
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now();
        row = (await conn.runAndReadAll(sql)).getRowObjects()[0] ?? {};
        if (i >= 3) duck.push(performance.now() - t);
      }
      const mismatches = HEADLINE.filter((id) => {
        const d = row[id];
        const dv = d === null || d === undefined ? null : Number(d);
        return dv !== jsValues.get(id);
      });
      if (mismatches.length) throw new Error(`DuckDB and the engine disagree on ${mismatches.map((id) => `${id} (engine ${jsValues.get(id)}, DuckDB ${String(row[id])})`).join(', ')}`);

      const jsMs = median(js);
      const duckMs = median(duck);
      ctx.log(`${n} cases: all ${KPIS.length} KPIs ${ms(median(all))} ms; ${HEADLINE.length} headline KPIs: engine ${ms(jsMs)} ms, DuckDB ${ms(duckMs)} ms (ratio DuckDB/engine ${(duckMs / jsMs).toFixed(2)}; loading the facts into DuckDB ${Math.round(loadMs)} ms, not counted); values agree`);
      const base = { backend: ctx.backend, scenario: 'kpi scorecard' };
      const rows: Row[] = [
        { ...base, figure: `computeKpis, every KPI, ${n} cases (median of ${runs})`, value: ms(median(all)), unit: 'ms' },
        { ...base, figure: `  ${HEADLINE.length} headline KPIs, engine (JS)`, value: ms(jsMs), unit: 'ms' },
        { ...base, figure: `  ${HEADLINE.length} headline KPIs, DuckDB SQL on the same fact rows`, value: ms(duckMs), unit: 'ms', note: `load ${Math.round(loadMs)} ms not counted` },
        { ...base, figure: '  ratio DuckDB / engine', value: Math.round((duckMs / jsMs) * 100) / 100, unit: '×' },
      ];
      return rows;
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  },
} satisfies Scenario;
