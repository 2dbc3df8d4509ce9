/**
 * KPI engine for local-area SEND dashboards: pure, I/O-free. See README.md in this folder.
 */
export * from './types.ts';
export { KPIS, getKpi, type BreakdownDimension, type KpiDefinition, type KpiDomain, type KpiFormula, type KpiPolarity, type KpiSource, type KpiUnit, type KpiValue } from './catalogue.ts';
export { computeBreakdown, computeBreakdowns, computeKpi, computeKpis, kpiIds, monthlySeries, NOT_RECORDED, type BreakdownRow, type KpiResult, type SeriesPoint } from './engine.ts';
export { DIRECTION_WORDS, RAG_WORDS, direction, directionWords, rag, ragFor, type Direction, type KpiTarget, type KpiTargets, type Rag } from './rag.ts';
export { percent1dp } from './arith.ts';
