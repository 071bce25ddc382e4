/// <reference lib="webworker" />
import { computeJob } from '../jobs/computeJob';
import { answerMessages, RequestAssembly, type FromWorker, type ToWorker } from './workerTransfer';

/**
 * The pure middle of a job, off the pane's thread: Office restarts an add-in whose page stays
 * unresponsive for about five seconds, and a large book's billing can take longer than that.
 * Inputs arrive and results leave in slices (workerTransfer.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const requests = new Map<number, RequestAssembly>();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  let assembly = requests.get(message.id);
  if (!assembly) {
    assembly = new RequestAssembly();
    requests.set(message.id, assembly);
  }
  let job: ReturnType<RequestAssembly['accept']>;
  try {
    job = assembly.accept(message);
    if (job === null) return;
    requests.delete(message.id);
    // posted one by one as they are made, so the worker never holds a second copy of the rows
    for (const answer of answerMessages(message.id, computeJob(job.kind, assembly.grids, job.options))) scope.postMessage(answer);
  } catch (error) {
    requests.delete(message.id);
    const failed: FromWorker = {
      id: message.id,
      type: 'failed',
      error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
    };
    scope.postMessage(failed);
  }
};
