// The sign-in page, anonymous: the cheapest full page render (layout, CSRF cookie, no session lookup).
import type { Scenario } from '../lib/types.ts';

export default {
  name: 'sign-in page',
  order: 10,
  foundation: true,
  run: (ctx) => ctx.measure({
    figure: 'GET /sign-in (anonymous)', path: '/sign-in',
    expect: (r) => r.body.includes('name="_csrf"') || 'no sign-in form',
  }),
} satisfies Scenario;
