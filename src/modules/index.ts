// Each capability module registers its pages, API operations and navigation here.
import type { FastifyInstance } from 'fastify';

export async function registerModules(_app: FastifyInstance): Promise<void> {
  (await import('./statutory/routes.ts')).registerStatutory(_app);
  (await import('./casework/routes.ts')).registerCasework(_app);
  (await import('./casework/documents/routes.ts')).registerCaseDocuments(_app);
  (await import('./governance/risks/routes.ts')).registerRisks(_app);
  (await import('./governance/selfeval/routes.ts')).registerSelfEvaluation(_app);
  (await import('./governance/papers/routes.ts')).registerPapers(_app);
  (await import('./governance/plans/routes.ts')).registerGovernancePlans(_app);
  (await import('./performance/routes.ts')).registerPerformance(_app);
  // Modules are added here as they land (casework, governance, performance, …).
}
