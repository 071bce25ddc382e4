/**
 * Stands in for Office.js in the browser test: the page's office.js request is answered with
 * this bundle, so the built pane runs unchanged against the in-memory fake workbook. It starts
 * empty (Set up workbook fills it with the sample book) and exposes the fake as window.q2cFake
 * for the test's assertions. Each context.sync can be slowed down so a running job stays on
 * screen long enough to watch and cancel.
 */
import { createFakeExcel, type FakeExcel } from '../support/fakeExcel';
import { extendFakeForPane, type PaneRecord } from '../taskpane/support/paneFakeExcel';

export interface BrowserFake {
  fake: FakeExcel;
  record: PaneRecord;
  /** milliseconds each context.sync waits before it runs */
  syncDelayMs: number;
}

declare global {
  interface Window {
    q2cFake: BrowserFake;
  }
}

const fake = createFakeExcel({ Sheet1: [] });
const ready = extendFakeForPane(fake).then(({ run, record }) => {
  const state: BrowserFake = { fake, record, syncDelayMs: 0 };
  window.q2cFake = state;
  const slowRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    run(async (context) => {
      const sync = context.sync.bind(context);
      (context as { sync: () => Promise<void> }).sync = async () => {
        if (state.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.syncDelayMs));
        return sync();
      };
      return batch(context);
    });
  (window as unknown as { Excel: unknown }).Excel = { run: slowRun };
});

const info = { host: 'Excel', platform: 'OfficeOnline' };
(window as unknown as { Office: unknown }).Office = {
  HostType: { Excel: 'Excel', Word: 'Word' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  context: { requirements: { isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version) } },
  onReady(callback?: (i: typeof info) => void) {
    return ready.then(() => {
      callback?.(info);
      return info;
    });
  },
};
