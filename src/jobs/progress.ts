import type { Progress, ProgressReporter } from '../hosts/host';

/**
 * Maps each phase of a job onto its slice of the bar and never lets the bar move backwards,
 * whatever order the phases report in.
 */
export class JobProgress {
  private reached = 0;

  constructor(private readonly report: ProgressReporter | undefined) {}

  /** A reporter for a phase that owns [from, to] of the bar. */
  phase(from: number, to: number): ProgressReporter {
    return (p: Progress) => this.emit(p.step, from + (to - from) * Math.min(1, Math.max(0, p.fraction)));
  }

  emit(step: string, fraction: number): void {
    this.reached = Math.max(this.reached, Math.min(1, fraction));
    this.report?.({ step, fraction: this.reached });
  }
}

export function checkNotCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new JobCancelledError();
}

export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled; the workbook was left as it was.');
    this.name = 'JobCancelledError';
  }
}
