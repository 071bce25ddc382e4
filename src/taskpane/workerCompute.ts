import type { ComputedJob } from '../jobs/computeJob';
import type { ComputeRunner } from '../jobs/runJob';
import { AnswerAssembly, requestMessages, type FromWorker, type ToWorker } from './workerTransfer';

/** The part of a Worker the runner uses, so tests can hand it a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/** Lets the pane's thread paint and answer clicks before it clones the next message. */
export type NextTask = () => Promise<void>;

const nextTimerTask: NextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A ComputeRunner that posts each job to a Web Worker and waits for its answer. Everything that
 * crosses is plain data (grids, epoch-day dates, sheet specs), in slices (workerTransfer.ts) with
 * a task boundary between two posts, so no single clone holds up the pane. When the worker itself
 * fails to start or crashes, every pending job is rejected with the reason.
 */
export function workerComputeRunner(worker: WorkerLike, nextTask: NextTask = nextTimerTask): ComputeRunner {
  let nextId = 1;
  const pending = new Map<number, { assembly: AnswerAssembly; resolve: (computed: ComputedJob) => void; reject: (e: Error) => void }>();
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    try {
      const computed = waiting.assembly.accept(message);
      if (computed === null) return;
      pending.delete(message.id);
      waiting.resolve(computed);
    } catch (error) {
      pending.delete(message.id);
      waiting.reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    const error = new Error(`The background computation stopped: ${event.message || 'the worker failed to load'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  return async (kind, grids, options) => {
    const id = nextId++;
    const answer = new Promise<ComputedJob>((resolve, reject) => {
      pending.set(id, { assembly: new AnswerAssembly(), resolve, reject });
    });
    // a worker that fails while the inputs are still going out rejects this before it is returned
    answer.catch(() => undefined);
    let first = true;
    try {
      for (const message of requestMessages(id, kind, grids, options)) {
        if (!first) await nextTask();
        first = false;
        // a worker that failed meanwhile has rejected the answer; stop sending to it
        if (!pending.has(id)) break;
        worker.postMessage(message);
      }
    } catch (error) {
      // a grid that cannot be cloned: nothing more will come back for this job
      pending.delete(id);
      throw error;
    }
    return answer;
  };
}
