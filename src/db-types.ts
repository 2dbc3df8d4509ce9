// The whole database's type: each module contributes its tables.
import type { PlatformTables } from './platform/db/platform-tables.ts';
import type { CaseworkTables } from './modules/casework/tables.ts';
import type { BenchmarkTables } from './modules/performance/benchmarks/tables.ts';

export interface DB extends PlatformTables, CaseworkTables, BenchmarkTables {}
