// The performance module: public benchmarks now; the KPI pages join here as they land.
import type { FastifyInstance } from 'fastify';
import { registerBenchmarks } from './benchmarks/routes.ts';
import { registerScorecard } from './scorecard/routes.ts';

export function registerPerformance(app: FastifyInstance): void {
  registerBenchmarks(app);
  registerScorecard(app);
}
