import type { CalendarDate } from '../core/calendarDate';
import { toISO } from '../core/calendarDate';
import type { JobName } from '../core/issue';
import type { Settings } from '../core/model';
import type { InputGrid } from '../workbook/grid';
import { parseBillingInputs, type ParseContext } from '../workbook/parseInputs';
import type { InputSheetName } from '../workbook/inputSheets';

export type Grids = Record<string, InputGrid | null>;

/** What every job computes from, read once: options that survive a trip to a Web Worker. */
export interface ComputeOptions {
  today: CalendarDate;
  asOfDate?: CalendarDate;
  reconciliationMonth?: CalendarDate;
  sample?: boolean;
}

export function parseContext(job: JobName, options: ComputeOptions): ParseContext {
  return {
    job,
    today: options.today,
    overrides: { asOfDate: options.asOfDate, reconciliationMonth: options.reconciliationMonth },
  };
}

export type ParsedBook = ReturnType<typeof parseBillingInputs>;

export function parseBook(grids: Grids, job: JobName, options: ComputeOptions): ParsedBook {
  return parseBillingInputs(grids as Partial<Record<InputSheetName, InputGrid | null>>, parseContext(job, options));
}

/** The settings a run used, in one line for the Run Summary. */
export function settingsUsed(s: Settings): string {
  return [
    `Reporting Currency ${s.reportingCurrency}`,
    `Rounding ${s.rounding}`,
    `Proration ${s.prorationMethod}`,
    `Ramp Revenue ${s.rampRevenue}`,
    `Payment Terms ${s.defaultPaymentTerms.label}`,
    `Time Zone ${s.timeZone}`,
    `Reconciliation Month ${toISO(s.reconciliationMonth).slice(0, 7)}`,
  ].join('; ');
}

export function countSeverities(issues: { severity: string }[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === 'Error') errors++;
  return { errors, warnings: issues.length - errors };
}
