import type { CalendarDate } from '../core/calendarDate';
import type { Issue } from '../core/issue';
import type { ProgressReporter } from '../hosts/host';

/** The user's verbs. The task pane and the q2c command are thin callers of the same jobs. */
export type JobKind = 'setup' | 'bill' | 'analyze' | 'reconcile' | 'run';

export interface JobOptions {
  /** overrides Settings As Of Date (--as-of) */
  asOfDate?: CalendarDate;
  /** overrides Settings Reconciliation Month (--month); the first of the month */
  reconciliationMonth?: CalendarDate;
  /** setup only: fill the book with the sample data */
  sample?: boolean;
  /** the date "today" means (defaults to the UTC date); tests fix it */
  today?: CalendarDate;
  progress?: ProgressReporter;
  signal?: AbortSignal;
}

export interface SummaryItem {
  label: string;
  value: string | number;
}

export interface JobResult {
  job: JobKind;
  sheetsWritten: { name: string; rows: number }[];
  issues: Issue[];
  errors: number;
  warnings: number;
  redFlags: number;
  summary: SummaryItem[];
}
