import type { JobKind } from '../jobs/job';
import type { ComputedJob } from '../jobs/computeJob';
import type { ComputeOptions, Grids } from '../jobs/parsedBook';
import type { ComputeRunner } from '../jobs/runJob';

export interface ComputeRequest {
  id: number;
  kind: JobKind;
  grids: Grids;
  options: ComputeOptions;
}

export type ComputeResponse =
  | { id: number; ok: true; computed: ComputedJob }
  | { id: number; ok: false; error: { name: string; message: string } };

/** The part of a Worker the runner uses, so tests can hand it a fake. */
export interface WorkerLike {
  postMessage(message: ComputeRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ComputeResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/**
 * A ComputeRunner that posts each job to a Web Worker and waits for its answer. Everything that
 * crosses is plain data (grids, epoch-day dates, sheet specs), so structured cloning carries it.
 * When the worker itself fails to start or crashes, every pending job is rejected with the reason.
 */
export function workerComputeRunner(worker: WorkerLike): ComputeRunner {
  let nextId = 1;
  const pending = new Map<number, { resolve: (c: ComputedJob) => void; reject: (e: Error) => void }>();
  worker.addEventListener('message', (event: MessageEvent<ComputeResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.computed);
    else {
      const error = new Error(answer.error.message);
      error.name = answer.error.name;
      waiting.reject(error);
    }
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    const error = new Error(`The background computation stopped: ${event.message || 'the worker failed to load'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  return (kind, grids, options) =>
    new Promise<ComputedJob>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, grids, options });
    });
}
