// The caseworker's work tray on the demo caseload (~2,300 cases, most assigned to the caseworker):
// the page (counts, 50 rows by next statutory deadline, one audit row), the overdue filter, and the
// same list through the API.
import type { Scenario } from '../lib/types.ts';

export default {
  name: 'work tray',
  order: 40,
  run: async (ctx) => {
    const cookie = await ctx.session();
    const rows = [
      ...(await ctx.measure({
        figure: 'GET /casework (caseworker)', path: '/casework', headers: { cookie },
        expect: (r) => (r.body.includes('Your work tray') && r.body.includes('id="tray"')) || 'not the work tray, or an empty one',
        p99TargetMs: 100,
      })),
      ...(await ctx.measure({
        figure: 'GET /casework?filter=overdue (caseworker)', path: '/casework?filter=overdue', headers: { cookie },
        expect: (r) => r.body.includes('Overdue cases') || 'not the overdue list',
        p99TargetMs: 100,
      })),
      ...(await ctx.measure({
        figure: 'GET /api/v1/cases?assignedTo=me (bearer)', path: '/api/v1/cases?assignedTo=me', headers: { authorization: `Bearer ${await ctx.apiToken()}` },
        expect: (r) => Array.isArray((JSON.parse(r.body) as { cases?: unknown }).cases) || 'no cases array',
        p99TargetMs: 100,
      })),
    ];
    return rows;
  },
} satisfies Scenario;
