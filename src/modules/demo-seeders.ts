// Demo data each module adds to the demo area, in order.
import type { DemoSeeder } from '../platform/demo/seed.ts';
import { caseworkDemo } from './casework/demo.ts';

export const demoSeeders: DemoSeeder[] = [caseworkDemo];
