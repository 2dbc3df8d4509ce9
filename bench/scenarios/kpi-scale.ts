// The KPI scorecard at the scale issue #6 names: "an area of 20,000 plans and 5 years of events: the full
// scorecard (30+ KPIs) p95 ≤ 100 ms warm on PostgreSQL; any KPI as at a past date ≤ 300 ms". Its own
// data set (bench/lib/scale.ts seed kpi: about 20,000 plans in force, 5 years of requests, about half a
// million events) and its own server, on the backend being measured; the month-end snapshots are written
// as the monthly job would. Figures, one request at a time (the latency a person sees): the first
// scorecard request (folds every case), the warm scorecard, KPI pages as at past dates nobody has
// asked for before (each a new period), over several KPIs, and the first scorecard after a change (a
// case opened through the API: refolds that case only). The changes stay in the kept embedded data
// folder: a few cases more per run, among 29,524.
import { startServer, type ServerHandle } from '../lib/server.ts';
import { CASEWORKER, createTokenViaWeb, signIn } from '../lib/http.ts';
import { r1, scaleData, sequential } from '../lib/scale-run.ts';
import type { Row, Scenario } from '../lib/types.ts';

const ANALYST = 'analyst@demo.joinedup.invalid';
const SCENARIO = 'KPI scorecard at scale';
const KPIS = ['plans-issued-within-20-weeks-pc', 'plans-in-force', 'annual-reviews-on-time-pc', 'requests-received'];
const n = (v: number | undefined) => (v === undefined ? '?' : v.toLocaleString('en-GB'));

export default {
  name: 'kpi at scale',
  order: 61,
  async run(ctx) {
    const { settings, cleanup, seed } = scaleData(ctx, 'kpi', 'kpi-scale', 'about 20,000 plans and 5 years of events');
    const size = `${n(seed?.['plans'])} plans in force, ${n(seed?.['cases'])} cases, ${n(seed?.['events'])} events`;
    ctx.log(`data set: ${size}`);
    const rows: Row[] = [];
    const row = (figure: string, value: number, unit: string, target?: number, failed?: string): Row => ({
      backend: ctx.backend, scenario: SCENARIO, figure, value, unit, ...(target !== undefined ? { target: { op: '<=', value: target } } : {}), ...(failed ? { failed } : {}),
    });
    rows.push(row(`data set: plans in force (${size})`, seed?.['plans'] ?? NaN, 'plans'));
    let server: ServerHandle | undefined;
    try {
      server = await startServer(settings);
      const analyst = `jusid=${await signIn(server.baseUrl, ANALYST)}`;
      const coldStart = performance.now();
      const cold = await fetch(`${server.baseUrl}/performance`, { headers: { cookie: analyst } });
      const page = await cold.text();
      const coldMs = Math.round(performance.now() - coldStart);
      ctx.log(`GET /performance cold (fold every case): ${coldMs} ms (status ${cold.status})`);
      rows.push(row('GET /performance (scorecard) cold, first request', coldMs, 'ms', undefined, cold.status === 200 ? undefined : `status ${cold.status}`));
      const listed = [...page.matchAll(/href="\/performance\/kpis\/([a-z0-9-]+)\?/g)].map((m) => m[1]!);
      const missing = KPIS.filter((k) => !listed.includes(k));
      if (missing.length) throw new Error(`the scorecard does not list ${missing.join(', ')}`);
      ctx.log(`the scorecard lists ${new Set(listed).size} KPIs`);

      const one = async (figure: string, paths: string[], target: number, rounds: number) => {
        const s = await sequential(server!.baseUrl, paths, analyst, rounds);
        ctx.log(`${figure} one at a time: p50 ${s.p50} ms, p95 ${s.p95} ms (${s.n} requests)`);
        const failed = s.bad ? `${s.bad} of ${s.n} requests were not 200` : undefined;
        rows.push(row(`${figure} one at a time p50`, s.p50, 'ms', undefined, failed), row(`${figure} one at a time p95`, s.p95, 'ms', target, failed));
      };
      await one('GET /performance (scorecard, warm)', ['/performance'], 100, 40);
      // Past dates over the 5 years, each one nobody has asked for (a new period), several KPIs.
      const pastDates = Array.from({ length: 24 }, (_, i) => Temporal.PlainDate.from('2022-02-11').add({ days: 71 * i }).toString());
      await one('GET /performance/kpis/:id as at a past date', pastDates.map((d, i) => `/performance/kpis/${KPIS[i % KPIS.length]}?asAt=${d}`), 300, 1);

      // After a change: a case opened through the API, then the scorecard (the cache refolds only the
      // cases that changed and recomputes the figures).
      const sid = (await signIn(server.baseUrl, CASEWORKER));
      const token = await createTokenViaWeb(server.baseUrl, sid, 'kpi-scale', 1);
      const after: number[] = [];
      let bad = 0;
      for (let i = 0; i < 5; i++) {
        const opened = await fetch(`${server.baseUrl}/api/v1/cases`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ child: { givenName: 'Bench', familyName: `Refold ${Date.now()}-${i}`, dateOfBirth: '2016-04-01' }, requester: 'school', receivedOn: Temporal.Now.plainDateISO('Europe/London').toString() }),
        });
        await opened.arrayBuffer();
        if (opened.status !== 201) bad++;
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}/performance`, { headers: { cookie: analyst } });
        await res.arrayBuffer();
        after.push(performance.now() - started);
        if (res.status !== 200) bad++;
      }
      after.sort((a, b) => a - b);
      ctx.log(`GET /performance after a case is opened: ${after.map((t) => Math.round(t)).join(', ')} ms`);
      const failed = bad ? `${bad} requests failed` : undefined;
      rows.push(row('GET /performance first request after a change (median of 5)', r1(after[2]!), 'ms', undefined, failed), row('GET /performance first request after a change (slowest of 5)', r1(after[4]!), 'ms', undefined, failed));
    } finally {
      await server?.stop();
      await cleanup();
    }
    return rows;
  },
} satisfies Scenario;
