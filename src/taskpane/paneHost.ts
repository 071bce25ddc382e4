import type { JobKind, JobOptions, JobResult } from '../jobs/job';

/** One row of the Settings sheet as the pane shows it. */
export interface SettingRow {
  /** the Setting column, as typed */
  setting: string;
  /** the Value cell as Excel displays it */
  text: string;
  /** the Value as an ISO date (yyyy-mm-dd) when the cell holds a date, else null */
  isoDate: string | null;
}

/**
 * The few workbook actions the pane itself takes, besides running jobs. Inside Excel it is
 * officePaneHost (Office.js); tests hand the components a fake.
 */
export interface PaneHost {
  activateSheet(name: string): Promise<void>;
  /** Activates the sheet and selects the cell of an address such as Contracts!F14 ('Price Tiers'!B3 also works). */
  selectCell(address: string): Promise<void>;
  /** The Settings sheet's rows; an empty list when the workbook has no Settings sheet yet. */
  readSettings(): Promise<SettingRow[]>;
  /** Writes the Value cell of the row whose Setting is `setting`, and nothing else. */
  writeSettingValue(setting: string, value: string): Promise<void>;
  /** Line charts of the monthly KPIs beside the KPIs table; returns how many charts it drew. */
  addKpiCharts(): Promise<number>;
}

/** runJob with the workbook host already bound: what the pane's buttons call. */
export type PaneJobRunner = (kind: JobKind, options: JobOptions) => Promise<JobResult>;

/** Splits Contracts!F14 or 'Price Tiers'!B3 into the sheet and the cell; the cell is null for a bare sheet name. */
export function splitAddress(address: string): { sheet: string; cell: string | null } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: unquote(address.trim()), cell: null };
  return { sheet: unquote(address.slice(0, bang).trim()), cell: address.slice(bang + 1).trim() || null };
}

function unquote(sheet: string): string {
  return sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2 ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** Header matching as the workbook contract does it: case, spaces and punctuation ignored. */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9%]/g, '');
}
