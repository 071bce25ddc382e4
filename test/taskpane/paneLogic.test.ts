import { describeError, isCancellation } from '../../src/taskpane/describeError';
import { defaultReconciliationMonth } from '../../src/taskpane/reconciliationMonth';
import type { SettingRow } from '../../src/taskpane/paneHost';
import { workerComputeRunner, type ComputeRequest, type ComputeResponse, type WorkerLike } from '../../src/taskpane/workerCompute';
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

/** A worker stand-in that answers each request the way the test says. */
function fakeWorker(answer: (request: ComputeRequest) => ComputeResponse | 'crash'): WorkerLike & { posted: ComputeRequest[] } {
  const listeners: Record<string, ((event: never) => void)[]> = { message: [], error: [] };
  return {
    posted: [],
    postMessage(request) {
      this.posted.push(structuredClone(request));
      const response = answer(request);
      queueMicrotask(() => {
        if (response === 'crash') listeners.error.forEach((l) => l({ message: 'out of memory' } as never));
        else listeners.message.forEach((l) => l({ data: structuredClone(response) } as never));
      });
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      listeners[type].push(listener);
    },
  } as WorkerLike & { posted: ComputeRequest[] };
}

describe('workerComputeRunner', () => {
  const options = { today: fromYMD(2026, 4, 15), reconciliationMonth: fromYMD(2026, 3, 1) };

  it('posts the job and resolves with the worker answer for that job', async () => {
    const worker = fakeWorker((r) => ({
      id: r.id,
      ok: true,
      computed: { specs: [], result: { job: r.kind, sheetsWritten: [{ name: 'KPIs', rows: 3 }], issues: [], errors: 0, warnings: 0, redFlags: 1, summary: [] } },
    }));
    const compute = workerComputeRunner(worker);
    const [a, b] = await Promise.all([compute('reconcile', {}, options), compute('bill', {}, options)]);
    expect(a.result.job).toBe('reconcile');
    expect(b.result.job).toBe('bill');
    expect(worker.posted.map((p) => [p.id, p.kind, p.options])).toEqual([
      [1, 'reconcile', options],
      [2, 'bill', options],
    ]);
  });

  it('rejects with the error the computation raised', async () => {
    const compute = workerComputeRunner(fakeWorker((r) => ({ id: r.id, ok: false, error: { name: 'RangeError', message: 'Too many periods' } })));
    await expect(compute('bill', {}, options)).rejects.toMatchObject({ name: 'RangeError', message: 'Too many periods' });
  });

  it('rejects pending jobs when the worker itself fails', async () => {
    const compute = workerComputeRunner(fakeWorker(() => 'crash'));
    await expect(compute('bill', {}, options)).rejects.toThrow('The background computation stopped: out of memory');
  });
});
