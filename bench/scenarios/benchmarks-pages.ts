// The public benchmark pages: one council compared (two charts, neighbours) and every council ranked.
import type { Row, Scenario } from '../lib/types.ts';

const HEADLINE = 'plans-issued-within-20-weeks-excl-exceptions-pc';

export default {
  name: 'benchmarks pages',
  order: 41,
  async run(ctx) {
    return [
      ...await ctx.measure({
        figure: 'GET /benchmarks?la=… (anonymous)', path: `/benchmarks?measure=${HEADLINE}&year=2024&la=E06000006`,
        expect: (r) => r.body.includes('68th of 151') || 'no rank on the compare page',
      }),
      ...await ctx.measure({
        figure: 'GET /benchmarks/{measure} ranking (anonymous)', path: `/benchmarks/${HEADLINE}?year=2024&la=E06000006`,
        expect: (r) => r.body.includes('Halton (selected)') || 'Halton not highlighted',
      }),
    ] satisfies Row[];
  },
} satisfies Scenario;
