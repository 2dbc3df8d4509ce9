/**
 * Micro-benchmark (not a test): time computeKpis over 20,000 synthetic cases.
 *
 *   ./node_modules/.bin/node src/modules/performance/kpis/bench.ts [cases] [runs]
 */
import { performance } from 'node:perf_hooks';
import { computeKpis, monthlySeries } from './engine.ts';
import { KPIS } from './catalogue.ts';
import { syntheticCases } from './synthetic.ts';

const n = Number(process.argv[2] ?? 20000);
const runs = Number(process.argv[3] ?? 20);
const cases = syntheticCases(n, 42);
const ctx = { from: '2024-01-01', to: '2024-12-31', asAt: '2025-01-16', externals: { improvementPlan: { complete: 10, onTarget: 20, delayed: 5, significantlyDelayed: 2 } } };

/** A fixed reference workload, so a figure taken on a busy machine can be read in context. */
function calibrate(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 10_000_000; i++) s += i % 7;
  if (s < 0) console.log(s);
  return performance.now() - t0;
}
const loadAverage = (await import('node:os')).loadavg()[0] ?? NaN;
const calibration = calibrate();

// Warm up the JIT.
for (let i = 0; i < 3; i++) computeKpis(cases, ctx);

const times: number[] = [];
const cpu0 = process.cpuUsage();
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  computeKpis(cases, ctx);
  times.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
const cpuPerRun = (cpu.user + cpu.system) / 1000 / runs;
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? NaN;
const min = times[0] ?? NaN;

const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
monthlySeries('plans-issued-within-20-weeks-excl-exceptions-pc', cases, months);
const seriesTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t1 = performance.now();
  monthlySeries('plans-issued-within-20-weeks-excl-exceptions-pc', cases, months);
  seriesTimes.push(performance.now() - t1);
}
seriesTimes.sort((a, b) => a - b);
const seriesMs = seriesTimes[2] ?? NaN;

console.log(`computeKpis: ${String(n)} cases × ${String(KPIS.length)} KPIs — median ${median.toFixed(1)} ms, best ${min.toFixed(1)} ms, CPU ${cpuPerRun.toFixed(1)} ms/run over ${String(runs)} runs`);
console.log(`machine: reference loop (1e7 iterations) ${calibration.toFixed(1)} ms (assumed about 10 ms on an idle machine); load average ${loadAverage.toFixed(1)}`);
console.log(`monthlySeries: 12 months of one KPI over ${String(n)} cases — median ${seriesMs.toFixed(1)} ms over 5 runs`);
