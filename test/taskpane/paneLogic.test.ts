import { describeError, isCancellation } from '../../src/taskpane/describeError';
import { defaultReconciliationMonth } from '../../src/taskpane/reconciliationMonth';
import type { SettingRow } from '../../src/taskpane/paneHost';
import { workerComputeRunner, type WorkerLike } from '../../src/taskpane/workerCompute';
import { answerMessages, RequestAssembly, type FromWorker, type ToWorker } from '../../src/taskpane/workerTransfer';
import type { ComputedJob } from '../../src/jobs/computeJob';
import type { JobKind } from '../../src/jobs/job';
import type { ComputeOptions, Grids } from '../../src/jobs/parsedBook';
import type { InputGrid } from '../../src/workbook/grid';
import { fromYMD } from '../../src/core/calendarDate';

const row = (setting: string, text: string, isoDate: string | null = null): SettingRow => ({ setting, text, isoDate });

describe('defaultReconciliationMonth', () => {
  it.each<[string, SettingRow[], string]>([
    ['Reconciliation Month as a date', [row('Reconciliation Month', '2/1/2026', '2026-02-01'), row('As Of Date', '', '2026-06-30')], '2026-02'],
    ['Reconciliation Month typed as yyyy-mm', [row('Reconciliation Month', '2025-11')], '2025-11'],
    ['blank month: the month before As Of Date', [row('Reconciliation Month', ''), row('As Of Date', '3/31/2026', '2026-03-31')], '2026-02'],
    ['As Of Date in January: December of the year before', [row('As Of Date', '', '2026-01-15')], '2025-12'],
    ['no settings: the month before today', [], '2026-03'],
    ['setting names compare loosely', [row('reconciliation_month', '', '2026-05-01')], '2026-05'],
  ])('%s', (_, settings, expected) => {
    expect(defaultReconciliationMonth(settings, '2026-04-15')).toBe(expected);
  });
});

describe('describeError', () => {
  it('turns Office error codes into what to do', () => {
    const advice = describeError(Object.assign(new Error('Access denied.'), { code: 'AccessDenied' }));
    expect(advice).toEqual({
      title: 'The workbook is protected or read-only',
      detail: 'Access denied.',
      action: 'Unprotect the workbook and its sheets (Review > Unprotect), or save a copy you can edit, then try again.',
    });
  });

  it('finds the code on a wrapped cause', () => {
    const cause = Object.assign(new Error('payload'), { code: 'RequestPayloadSizeLimitExceeded' });
    const advice = describeError(new Error('Could not write Billing Schedule', { cause }));
    expect(advice.title).toBe('The data is too large for one request');
    expect(advice.detail).toBe('Could not write Billing Schedule');
  });

  it('still says something useful about an unknown failure', () => {
    expect(describeError('boom')).toMatchObject({ title: 'Something went wrong', detail: 'boom' });
  });

  it('knows a cancellation from a failure', () => {
    expect(isCancellation(Object.assign(new Error('x'), { name: 'JobCancelledError' }))).toBe(true);
    expect(isCancellation(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isCancellation(new Error('x'))).toBe(false);
  });
});

interface PostedJob {
  id: number;
  kind: JobKind;
  grids: Grids;
  options: ComputeOptions;
}

/** A worker stand-in speaking the real slices protocol, answering each job the way the test says. */
function fakeWorker(answer: (job: PostedJob) => ComputedJob | { name: string; message: string } | 'crash'): WorkerLike & { jobs: PostedJob[]; messages: ToWorker[] } {
  const listeners: Record<string, ((event: never) => void)[]> = { message: [], error: [] };
  const assemblies = new Map<number, RequestAssembly>();
  return {
    jobs: [],
    messages: [],
    postMessage(message) {
      this.messages.push(structuredClone(message));
      const assembly = assemblies.get(message.id) ?? new RequestAssembly();
      assemblies.set(message.id, assembly);
      const ready = assembly.accept(structuredClone(message));
      if (ready === null) return;
      const job = { id: message.id, ...ready, grids: assembly.grids };
      this.jobs.push(job);
      const response = answer(job);
      queueMicrotask(() => {
        if (response === 'crash') listeners.error.forEach((l) => l({ message: 'out of memory' } as never));
        else if ('specs' in response) {
          for (const m of answerMessages(job.id, response)) listeners.message.forEach((l) => l({ data: structuredClone(m) } as never));
        } else {
          const failed: FromWorker = { id: job.id, type: 'failed', error: response };
          listeners.message.forEach((l) => l({ data: failed } as never));
        }
      });
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      listeners[type].push(listener);
    },
  } as WorkerLike & { jobs: PostedJob[]; messages: ToWorker[] };
}

const immediately = () => Promise.resolve();

describe('workerComputeRunner', () => {
  const options = { today: fromYMD(2026, 4, 15), reconciliationMonth: fromYMD(2026, 3, 1) };
  const computed = (kind: JobKind): ComputedJob => ({
    specs: [],
    result: { job: kind, sheetsWritten: [{ name: 'KPIs', rows: 3 }], issues: [], errors: 0, warnings: 0, redFlags: 1, summary: [] },
  });

  it('posts the job and resolves with the worker answer for that job', async () => {
    const worker = fakeWorker((job) => computed(job.kind));
    const compute = workerComputeRunner(worker, immediately);
    const [a, b] = await Promise.all([compute('reconcile', {}, options), compute('bill', {}, options)]);
    expect(a.result.job).toBe('reconcile');
    expect(b.result.job).toBe('bill');
    expect(worker.jobs.map((p) => [p.id, p.kind, p.options])).toEqual([
      [1, 'reconcile', options],
      [2, 'bill', options],
    ]);
  });

  it('sends a big sheet in slices, one task apart, and the worker gets it back whole', async () => {
    const values = [['Contract ID', 'Quantity'], ...Array.from({ length: 50_001 }, (_, i) => [`K-${i}`, i])];
    const grid: InputGrid = { sheet: 'Usage', source: 'sheet', firstRow: 3, firstColumn: 2, values, numberFormats: values.map((r) => r.map(() => 'General')), dateSystem: 1900 };
    const worker = fakeWorker((job) => computed(job.kind));
    let tasks = 0;
    const compute = workerComputeRunner(worker, async () => {
      tasks += 1;
    });
    await compute('bill', { Usage: grid, Contracts: null }, options);
    expect(worker.jobs[0].grids).toEqual({ Usage: grid, Contracts: null });
    // a frame per sheet, 20,000 cells per slice (values and formats: 5,000 rows of 2), the compute request last
    expect(worker.messages.map((m) => m.type)).toEqual(['grid', ...Array<string>(11).fill('gridRows'), 'grid', 'compute']);
    expect(tasks).toBe(worker.messages.length - 1);
  });

  it('rejects with the error the computation raised', async () => {
    const compute = workerComputeRunner(fakeWorker(() => ({ name: 'RangeError', message: 'Too many periods' })), immediately);
    await expect(compute('bill', {}, options)).rejects.toMatchObject({ name: 'RangeError', message: 'Too many periods' });
  });

  it('stops sending and rejects when the worker fails while the inputs are still going out', async () => {
    const values = [['Contract ID'], ...Array.from({ length: 100_000 }, (_, i) => [`K-${i}`])];
    const grid: InputGrid = { sheet: 'Usage', source: 'sheet', firstRow: 1, firstColumn: 1, values, numberFormats: null, dateSystem: 1900 };
    const failed: ((event: never) => void)[] = [];
    const posted: string[] = [];
    const worker = {
      postMessage(message: ToWorker) {
        posted.push(message.type);
        if (posted.length === 2) failed.forEach((l) => l({ message: 'out of memory' } as never));
      },
      addEventListener(type: string, listener: (event: never) => void) {
        if (type === 'error') failed.push(listener);
      },
    } as WorkerLike;
    await expect(workerComputeRunner(worker, immediately)('bill', { Usage: grid }, options)).rejects.toThrow('The background computation stopped: out of memory');
    expect(posted).toEqual(['grid', 'gridRows']);
  });

  it('rejects pending jobs when the worker itself fails', async () => {
    const compute = workerComputeRunner(fakeWorker(() => 'crash'), immediately);
    await expect(compute('bill', {}, options)).rejects.toThrow('The background computation stopped: out of memory');
  });
});
