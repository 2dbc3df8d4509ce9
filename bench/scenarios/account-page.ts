// An authenticated page: /account as the caseworker (session lookup, two queries, full render).
import type { Scenario } from '../lib/types.ts';

export default {
  name: 'account page',
  order: 20,
  foundation: true,
  run: async (ctx) => ctx.measure({
    figure: 'GET /account (caseworker)', path: '/account', headers: { cookie: await ctx.session() },
    expect: (r) => r.body.includes('Casey Worker') || 'not the caseworker\'s account page',
    p99TargetMs: 50,
  }),
} satisfies Scenario;
