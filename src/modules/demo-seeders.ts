// Demo data each module adds to the demo area, in order.
import type { DemoSeeder } from '../platform/demo/seed.ts';

export const demoSeeders: DemoSeeder[] = [];
