import type { WorkbookHost } from '../hosts/host';
import type { JobKind, JobOptions, JobResult } from './job';
import type { ComputeOptions, Grids } from './parsedBook';
import { computeJob, type ComputedJob } from './computeJob';
import { sheetsReadBy } from './sheetsRead';
import { JobProgress, checkNotCancelled } from './progress';
import { todayUTC } from '../core/calendarDate';

/**
 * Runs the pure part of a job. Inside Excel the task pane passes one that posts to a Web
 * Worker, so the pane stays responsive; the CLI and tests run it in place.
 */
export type ComputeRunner = (kind: JobKind, grids: Grids, options: ComputeOptions) => Promise<ComputedJob>;

export const computeInPlace: ComputeRunner = async (kind, grids, options) => computeJob(kind, grids, options);

const READ_SHARE = 0.15;
const COMPUTE_SHARE = 0.35;

/**
 * A job as the user runs it: read the sheets it needs, compute, write the sheets it owns.
 * Reading and writing go through the host; a failure or Cancel leaves the workbook as it was.
 */
export async function runJob(
  kind: JobKind,
  host: WorkbookHost,
  options: JobOptions = {},
  compute: ComputeRunner = computeInPlace,
): Promise<JobResult> {
  const progress = new JobProgress(options.progress);
  const names = sheetsReadBy(kind);
  const grids: Grids = {};
  for (const [i, name] of names.entries()) {
    checkNotCancelled(options.signal);
    grids[name] = await host.readInput(name);
    const rows = Math.max(0, (grids[name]?.values.length ?? 1) - 1);
    if (grids[name]) progress.emit(`Reading ${name} — ${rows.toLocaleString('en-US')} rows`, (READ_SHARE * (i + 1)) / names.length);
  }
  host.doneReading?.();
  checkNotCancelled(options.signal);
  progress.emit(computingStep(kind), READ_SHARE);
  const computed = await compute(kind, grids, {
    today: options.today ?? todayUTC(),
    asOfDate: options.asOfDate,
    reconciliationMonth: options.reconciliationMonth,
    sample: options.sample,
  });
  checkNotCancelled(options.signal);
  const writeFrom = READ_SHARE + COMPUTE_SHARE;
  await host.writeSheets(computed.specs, progress.phase(writeFrom, 1), options.signal);
  progress.emit('Done', 1);
  return computed.result;
}

function computingStep(kind: JobKind): string {
  switch (kind) {
    case 'setup': return 'Preparing the input sheets';
    case 'bill': return 'Computing billing schedules, invoices and revenue';
    case 'analyze': return 'Building the strategy matrices';
    case 'reconcile': return 'Reconciling the month';
    case 'run': return 'Computing billing, matrices and reconciliation';
  }
}
