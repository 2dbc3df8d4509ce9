// The performance module: public benchmarks now; the KPI pages join here as they land.
import type { FastifyInstance } from 'fastify';
import { registerBenchmarks } from './benchmarks/routes.ts';

export function registerPerformance(app: FastifyInstance): void {
  registerBenchmarks(app);
}
