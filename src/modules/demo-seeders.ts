// Demo data each module adds to the demo area, in order.
import type { DemoSeeder } from '../platform/demo/seed.ts';
import { governancePlansDemo } from './governance/plans/demo.ts';
import { caseworkDemo } from './casework/demo.ts';
import { governanceRisksDemo } from './governance/risks/demo.ts';
import { scorecardDemo } from './performance/scorecard/demo.ts';

export const demoSeeders: DemoSeeder[] = [caseworkDemo, governancePlansDemo, governanceRisksDemo, scorecardDemo];
