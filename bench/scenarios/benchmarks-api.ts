// The public benchmarks API: GET /api/v1/benchmarks for one council (the target: p95 ≤ 20 ms).
// Two sets of figures: under load (autocannon, the bench's connections: latency there includes queueing
// behind the other connections), and one request at a time across many councils, measures and years
// (the latency a caller sees), where p95 is reported against the 20 ms target.
import type { Row, Scenario } from '../lib/types.ts';

const HEADLINE = 'plans-issued-within-20-weeks-excl-exceptions-pc';
const PATH = `/api/v1/benchmarks?measure=${HEADLINE}&la=E06000006&year=2024`;
const MEASURES = [HEADLINE, 'plans-in-force', 'requests-received', 'annual-review-decisions-within-4-weeks-pc', 'send-tribunal-appeal-rate-pc', 'plans-issued-within-20-weeks-pc'];
const LAS = ['E06000006', 'E09000003', 'E08000025', 'E10000014', 'E06000059', 'E08000013', 'E09000033', 'E10000003'];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export default {
  name: 'benchmarks api',
  order: 40,
  async run(ctx) {
    const rows: Row[] = [...await ctx.measure({
      figure: 'GET /api/v1/benchmarks (anonymous)', path: PATH,
      expect: (r) => {
        const b = JSON.parse(r.body) as { la?: { value?: number }; rank?: number };
        return (b.la?.value === 56.5 && b.rank === 68) || `not Halton's figures: ${r.body.slice(0, 200)}`;
      },
    })];
    // One request at a time: every combination a few times (the first of each loads its slice).
    const times: number[] = [];
    let bad = 0;
    for (let round = 0; round < 5; round++) {
      for (const m of MEASURES) {
        for (const la of LAS) {
          const started = performance.now();
          const res = await fetch(`${ctx.baseUrl}/api/v1/benchmarks?measure=${m}&la=${la}`);
          await res.arrayBuffer();
          times.push(performance.now() - started);
          if (res.status !== 200) bad++;
        }
      }
    }
    times.sort((a, b) => a - b);
    const r1 = (n: number) => Math.round(n * 10) / 10;
    ctx.log(`sequential: ${times.length} requests, p50 ${r1(pct(times, 50))} ms, p95 ${r1(pct(times, 95))} ms, max ${r1(times[times.length - 1]!)} ms`);
    const failed = bad ? { failed: `${bad} of ${times.length} sequential requests were not 200` } : {};
    rows.push(
      { backend: ctx.backend, scenario: 'benchmarks api', figure: 'GET /api/v1/benchmarks one at a time p50', value: r1(pct(times, 50)), unit: 'ms', ...failed },
      { backend: ctx.backend, scenario: 'benchmarks api', figure: 'GET /api/v1/benchmarks one at a time p95', value: r1(pct(times, 95)), unit: 'ms', target: { op: '<=', value: 20 }, ...failed },
    );
    return rows;
  },
} satisfies Scenario;
