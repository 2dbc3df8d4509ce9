// Table types for case documents and letter templates (migrations 0110-case-documents, 0120-document-templates).
import type { ColumnType, Generated } from 'kysely';

export interface CaseDocumentTable {
  id: Generated<string>;
  area_id: string;
  case_id: string;
  source: 'upload' | 'letter';
  kind: string;
  title: string;
  advice_event_id: string | null;
  event_id: string | null;
  template_version_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseDocumentFileTable {
  document_id: string;
  area_id: string;
  format: 'original' | 'docx' | 'pdf';
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
}

export interface DocumentTemplateVersionTable {
  id: Generated<string>;
  area_id: string;
  kind: string;
  version: number;
  subject: string;
  body: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseDocumentTables {
  case_document: CaseDocumentTable;
  case_document_file: CaseDocumentFileTable;
  document_template_version: DocumentTemplateVersionTable;
}
