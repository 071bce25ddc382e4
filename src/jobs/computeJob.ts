import type { JobName } from '../core/issue';
import { dataRowCount, type SheetSpec } from '../workbook/sheetSpec';
import { renderIssues } from '../workbook/render/issuesSheet';
import { renderRunSummary, type RunRecord } from '../workbook/render/runSummary';
import type { JobKind, JobResult, SummaryItem } from './job';
import { countSeverities, parseBook, settingsUsed, type ComputeOptions, type Grids } from './parsedBook';
import { computeBilling } from './bill';
import { computeAnalysis } from './analyze';
import { computeReconciliation } from './reconcile';
import { computeSetup } from './setup';
import type { Issue } from '../core/issue';

export interface ComputedJob {
  specs: SheetSpec[];
  result: JobResult;
}

const JOB_NAMES: Record<Exclude<JobKind, 'setup'>, JobName[]> = {
  bill: ['Bill'],
  analyze: ['Analyze'],
  reconcile: ['Reconcile'],
  run: ['Bill', 'Analyze', 'Reconcile'],
};

/**
 * The pure middle of every job: grids in, sheet specs and a result out. No host, no clock
 * (today comes in the options), so it runs the same in a Web Worker, the CLI and tests.
 * `sheetRowLimit` (data rows per sheet) is Excel's unless a test makes it small.
 */
export function computeJob(kind: JobKind, grids: Grids, options: ComputeOptions, sheetRowLimit?: number): ComputedJob {
  if (kind === 'setup') return computeSetup(grids, options);
  const jobs = JOB_NAMES[kind];
  const parsed = parseBook(grids, jobs[0], options);
  const { inputs } = parsed;
  const specs: SheetSpec[] = [];
  const issues: Issue[] = [...parsed.issues];
  const summary: SummaryItem[] = [];
  let redFlags = 0;
  const billing = kind === 'analyze' ? null : computeBilling(inputs, sheetRowLimit);
  if (billing && (kind === 'bill' || kind === 'run')) {
    specs.push(...billing.specs);
    issues.push(...billing.issues);
    summary.push(...billing.summary);
  }
  if (kind === 'analyze' || kind === 'run') {
    const analysis = computeAnalysis(parsed, grids);
    specs.push(...analysis.specs);
    issues.push(...analysis.issues);
    summary.push(...analysis.summary);
  }
  if (billing && (kind === 'reconcile' || kind === 'run')) {
    const reconciliation = computeReconciliation(parsed, billing.billing, grids, options);
    specs.push(...reconciliation.specs);
    issues.push(...reconciliation.issues);
    summary.push(...reconciliation.summary);
    redFlags += reconciliation.redFlags;
  }
  const { errors, warnings } = countSeverities(issues);
  const records: RunRecord[] = jobs.map((job) => ({
    job,
    asOfDate: inputs.settings.asOfDate,
    settingsUsed: settingsUsed(inputs.settings),
    rowsRead: parsed.rowsRead,
    ...countSeverities(issues.filter((i) => i.job === job)),
    controlTotals: job === 'Bill' && billing ? billing.billing.controlTotals : [],
  }));
  specs.push(renderIssues(issues, jobs, grids['Issues'] ?? null));
  specs.push(renderRunSummary(records, grids['Run Summary'] ?? null));
  const result: JobResult = {
    job: kind,
    sheetsWritten: specs.map((s) => ({ name: s.name, rows: dataRowCount(s) })),
    issues,
    errors,
    warnings,
    redFlags,
    summary,
  };
  return { specs, result };
}
