import type { ContractLine } from '../core/model';
import type { Issue, SourceRow } from '../core/issue';
import type { RawCell } from '../workbook/grid';

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
  /**
   * Optional: the raw cell as typed, by ContractLine field, before defaults and contract-level
   * inheritance. The audit needs it to tell a typed Payment Terms or Currency from one the parser
   * filled in from Settings; without it, a field counts as typed when `line` holds it.
   */
  cells?: Readonly<Record<string, RawCell>>;
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
