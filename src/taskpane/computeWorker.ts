/// <reference lib="webworker" />
import { computeJob } from '../jobs/computeJob';
import type { ComputeRequest, ComputeResponse } from './workerCompute';

/**
 * The pure middle of a job, off the pane's thread: Office restarts an add-in whose page stays
 * unresponsive for about five seconds, and a large book's billing can take longer than that.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ComputeRequest>) => {
  const { id, kind, grids, options } = event.data;
  let response: ComputeResponse;
  try {
    response = { id, ok: true, computed: computeJob(kind, grids, options) };
  } catch (error) {
    response = {
      id,
      ok: false,
      error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
    };
  }
  scope.postMessage(response);
};
