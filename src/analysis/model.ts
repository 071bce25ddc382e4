import type { ContractLine } from '../core/model';
import type { Issue, SourceRow } from '../core/issue';

/**
 * What the audit needs beyond the billable lines: every non-empty Contracts row, including the
 * ones the parser skipped, with what could be read and what was wrong.
 */
export interface ContractRowRecord {
  source: SourceRow;
  /** the fields that could be read; a field that failed to parse is absent */
  line: Partial<ContractLine>;
  /** the Issues raised for this row (an Error means it was skipped for billing) */
  issues: Issue[];
  /** true when the row made it into BillingInputs.contracts */
  billable: boolean;
}

/** Per Contracts column, as the CRM Column Audit shows it. */
export interface ColumnStat {
  /** the header as the user typed it */
  header: string;
  /** the ContractLine field it maps to, null for a column we do not know */
  field: string | null;
  rows: number;
  filled: number;
  valid: number;
  /** up to three examples: "Contracts!F14: 3/4/2026 is ambiguous" */
  examples: string[];
}
