// Table types for the published benchmark data (migration 0300-benchmarks).
import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../../platform/db/platform-tables.ts';
import type { Problem } from './import.ts';

export interface BenchmarkImportTable {
  id: Generated<number>;
  imported_at: Generated<Date>;
  /** The folder imported from (as given), or "reference" for the data shipped with Joined Up. */
  source: string;
  file_count: number;
  row_count: number;
  problems: Json<Problem[]>;
  status: 'succeeded' | 'rejected';
  actor: ColumnType<string, string | undefined, string>;
}

export interface BenchmarkLaTable {
  code: string;
  old_code: string | null;
  name: string;
  region_code: string;
  region_name: string;
}

export interface BenchmarkNeighbourTable {
  la_code: string;
  rank: number;
  neighbour_code: string;
  neighbour_name: string;
  proximity: string | null;
}

export interface BenchmarkValueTable {
  measure: string;
  /** `time_period` as published: 2024 (calendar year) or 202425 (January 2025 census). */
  year: number;
  level: 'national' | 'regional' | 'la';
  code: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface BenchmarkTables {
  benchmark_import: BenchmarkImportTable;
  benchmark_la: BenchmarkLaTable;
  benchmark_neighbour: BenchmarkNeighbourTable;
  benchmark_value: BenchmarkValueTable;
}
