// An authenticated API call: GET /api/v1/me with a bearer token (token lookup, response validation).
import type { Scenario } from '../lib/types.ts';

export default {
  name: 'api me',
  order: 30,
  foundation: true,
  run: async (ctx) => ctx.measure({
    figure: 'GET /api/v1/me (bearer)', path: '/api/v1/me', headers: { authorization: `Bearer ${await ctx.apiToken()}` },
    expect: (r) => (JSON.parse(r.body) as { email?: string }).email === 'caseworker@demo.joinedup.invalid' || 'not the caseworker',
  }),
} satisfies Scenario;
