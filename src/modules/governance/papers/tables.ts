// Table types for board papers (migration 0220).
import type { ColumnType, Generated } from 'kysely';
import type { DateString, Json } from '../../../platform/db/platform-tables.ts';

export interface BoardPaperTable {
  id: Generated<string>;
  area_id: string;
  plan_id: string | null;
  self_evaluation_id: string | null;
  as_at: DateString;
  paper_date: DateString;
  report_to: string;
  reporting_officer: string;
  subject: string;
  purpose: Generated<string>;
  recommendations: Generated<string>;
  summary: Generated<string>;
  free_text: Generated<string>;
  status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BoardPaperIssueTable {
  paper_id: string;
  area_id: string;
  issued_on: DateString;
  issued_at: Generated<Date>;
  issued_by: string | null;
  docx: ColumnType<Uint8Array, Uint8Array, never>;
  pdf: ColumnType<Uint8Array, Uint8Array, never>;
  docx_sha256: string;
  pdf_sha256: string;
  data: Json<Record<string, unknown>>;
}

export interface BoardPaperTables {
  board_paper: BoardPaperTable;
  board_paper_issue: BoardPaperIssueTable;
}
