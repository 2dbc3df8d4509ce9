// The whole database's type: each module contributes its tables.
import type { PlatformTables } from './platform/db/platform-tables.ts';
import type { CaseworkTables } from './modules/casework/tables.ts';
import type { CaseDocumentTables } from './modules/casework/documents/tables.ts';
import type { GovernancePlanTables } from './modules/governance/plans/tables.ts';
import type { GovernanceRiskTables } from './modules/governance/risks/tables.ts';
import type { BoardPaperTables } from './modules/governance/papers/tables.ts';
import type { BenchmarkTables } from './modules/performance/benchmarks/tables.ts';
import type { KpiTargetTables } from './modules/performance/scorecard/tables.ts';

export interface DB extends PlatformTables, CaseworkTables, CaseDocumentTables, GovernancePlanTables, GovernanceRiskTables, BoardPaperTables, BenchmarkTables, KpiTargetTables {}
