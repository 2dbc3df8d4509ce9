// Board paper generation on a big plan: a paper on the 500-action benchmark plan (made by the "plan
// summary" scenario, which runs first) is created through the pages, then its Word and PDF documents are
// downloaded — each download gathers the live data and renders the whole paper. Figures: the median of
// 5 downloads of each (targets: Word ≤ 3 s, PDF ≤ 5 s) and the PDF's page count.
import type { Row, Scenario } from '../lib/types.ts';

const MANAGER = 'manager@demo.joinedup.invalid';
const PLAN_NAME = 'Benchmark plan (500 actions, 10,000 updates)';
const SUBJECT = 'Benchmark board paper';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export default {
  name: 'board paper',
  order: 70,
  async run(ctx) {
    const cookie = await ctx.session(MANAGER);
    const token = await ctx.apiToken(MANAGER);
    const page = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(ctx.baseUrl + path, { redirect: 'manual', ...init, headers: { cookie, ...(init.headers as Record<string, string> | undefined) } });
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    };
    const plans = await (await fetch(`${ctx.baseUrl}/api/v1/improvement-plans`, { headers: { authorization: `Bearer ${token}` } })).json() as { plans: { id: string; name: string; createdOn: string }[] };
    const plan = plans.plans.find((p) => p.name === PLAN_NAME);
    if (!plan) throw new Error(`"${PLAN_NAME}" is missing: run the "plan summary" scenario first (BENCH_ONLY="plan summary,board paper")`);

    // Reuse the benchmark paper if an earlier run made it (a draft, so it is generated afresh each time).
    const list = (await page('/governance/papers')).body.toString();
    let id = new RegExp(`href="/governance/papers/([0-9a-f-]{36})">${SUBJECT}<`).exec(list)?.[1];
    if (!id) {
      const form = (await page('/governance/papers/new')).body.toString();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
      if (!csrf) throw new Error('no CSRF token on the new paper form');
      const asAt = Temporal.PlainDate.from(plan.createdOn).add({ months: 12 });
      const today = Temporal.Now.plainDateISO('Europe/London');
      const body = new URLSearchParams({ _csrf: csrf, planId: plan.id, reportTo: 'SEND Improvement Board', reportingOfficer: 'Director of Children\'s Services', subject: SUBJECT,
        asAt: (Temporal.PlainDate.compare(asAt, today) > 0 ? today : asAt).toString(), paperDate: today.toString() });
      const made = await page('/governance/papers/new', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      id = /\/governance\/papers\/([0-9a-f-]{36})/.exec(String(made.res.headers.get('location')))?.[1];
      if (made.res.status !== 303 || !id) throw new Error(`creating the paper answered ${made.res.status}: ${made.body.toString().slice(0, 300)}`);
    }

    const rows: Row[] = [];
    let pages = 0;
    for (const [format, target] of [['docx', 3000], ['pdf', 5000]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const { res, body } = await page(`/governance/papers/${id}/paper.${format}`);
        if (res.status !== 200 || body.length < 1000) throw new Error(`paper.${format} answered ${res.status}`);
        if (i > 0) times.push(performance.now() - t); // the first warms up
        if (format === 'pdf') pages = (body.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      }
      rows.push({ backend: ctx.backend, scenario: 'board paper', figure: `GET paper.${format} (500-action plan), median of 5`, value: Math.round(median(times)), unit: 'ms', target: { op: '<=', value: target } });
    }
    rows.push({ backend: ctx.backend, scenario: 'board paper', figure: 'PDF pages', value: pages, unit: 'pages' });
    return rows;
  },
} satisfies Scenario;
