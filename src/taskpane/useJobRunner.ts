import { useCallback, useRef, useState } from 'react';
import type { JobKind, JobOptions, JobResult } from '../jobs/job';
import { describeError, isCancellation, type ErrorAdvice } from './describeError';
import type { PaneJobRunner } from './paneHost';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; kind: JobKind; step: string; fraction: number }
  | { status: 'done'; kind: JobKind; result: JobResult }
  | { status: 'cancelled'; kind: JobKind }
  | { status: 'failed'; kind: JobKind; advice: ErrorAdvice };

/**
 * Runs one job at a time and turns its progress reports into UI state. The bar only moves
 * forward, whatever the phases report; Cancel aborts through the job's signal and the job
 * leaves the workbook as it was.
 */
export function useJobRunner(runJob: PaneJobRunner, afterJob?: (kind: JobKind, result: JobResult) => Promise<void>) {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (kind: JobKind, options: Omit<JobOptions, 'progress' | 'signal'> = {}) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      let reached = 0;
      setState({ status: 'running', kind, step: 'Starting', fraction: 0 });
      try {
        const result = await runJob(kind, {
          ...options,
          signal: abort.signal,
          progress: ({ step, fraction }) => {
            reached = Math.max(reached, Math.min(1, Math.max(0, fraction)));
            setState({ status: 'running', kind, step, fraction: reached });
          },
        });
        // A job that resolved wrote its sheets, even when Cancel came too late to stop it.
        setState({ status: 'done', kind, result });
        if (afterJob) await afterJob(kind, result);
      } catch (error) {
        if (isCancellation(error) || abort.signal.aborted) setState({ status: 'cancelled', kind });
        else setState({ status: 'failed', kind, advice: describeError(error) });
      } finally {
        controller.current = null;
      }
    },
    [runJob, afterJob],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { state, start, cancel };
}
