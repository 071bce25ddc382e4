/**
 * Issue #7: the pane's UI thread is never blocked for more than 200 ms during a 300k-line job.
 * The built pane runs in headless Chromium against the fake workbook filled with the benchmark
 * book (10,000 contracts: about 300k schedule lines, 200k usage rows, 1,000 amendments), and a
 * PerformanceObserver in the page records every long task from the click on Generate billing
 * until the results show. As in Office, the workbook is not on the pane's thread (the fake lives
 * in a Worker and each context.sync is a round trip by message), so every long task recorded
 * is the pane's own: reading, sending to and from the compute Worker, writing, rendering.
 *
 *   npx jest test/browser/paneLongTask
 *
 * With Q2C_TIMELINE=1 it also prints each long task beside the progress step the pane showed.
 * A long task is wall time: on an overloaded machine the OS can deschedule the pane's thread
 * mid-task and stretch it, so a first measurement over the limit is repeated once on a fresh
 * page (both are printed); blocking by the pane itself repeats and still fails.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { closeServer, describeWithChromium, fakeOfficeScript, launchChromium, paneBundle, paneUrl, removeBundle, routeOffice, serve, type PaneBundle } from './paneBrowser';

const CONTRACTS = 10_000;
const LIMIT_MS = 200;

// the job alone takes a minute or more on a two-core machine
jest.setTimeout(240_000);

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    q2cLongTasks: LongTask[];
    q2cSteps: { at: number; step: string }[];
  }
}

/** Starts recording long tasks in the page (the buffered ones too), and the progress steps shown. */
const OBSERVE = () => {
  window.q2cLongTasks = [];
  window.q2cSteps = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.q2cLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const step = document.querySelector('[role="progressbar"]')?.closest('section')?.querySelector('[role="status"]')?.textContent ?? '';
    if (step && window.q2cSteps[window.q2cSteps.length - 1]?.step !== step) window.q2cSteps.push({ at: performance.now(), step });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

describeWithChromium('the task pane long-task test')('the pane during a 300k-line job', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let bundle: PaneBundle | undefined;
  let officeScript: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [fakeOffice, built] = await Promise.all([fakeOfficeScript(), paneBundle()]);
    bundle = built;
    server = await serve(built.dir);
    browser = await launchChromium();
    officeScript = fakeOffice;
    page = await openSeededPane();
  }, 240_000);

  /** A fresh pane page whose fake workbook holds the benchmark book. */
  async function openSeededPane(): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 350, height: 900 } });
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    await routeOffice(opened, officeScript);
    await opened.goto(paneUrl(server));
    await opened.getByRole('button', { name: 'Generate billing', exact: true }).waitFor();
    const seeded = await opened.evaluate((contracts) => window.q2cFake.seedLargeBook(contracts), CONTRACTS);
    expect(seeded).toMatchObject({ Contracts: CONTRACTS + CONTRACTS / 10, Usage: 200_000, Amendments: 1_000 });
    return opened;
  }

  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
    removeBundle(bundle);
  });

  /** Runs Generate billing on `page` and returns the worst long task from the click until the results show. */
  async function measureJob(): Promise<{ worst: number; scheduleRows: number }> {
    await page.evaluate(OBSERVE);
    // the observer sees a task the test itself blocks for 120 ms, so an empty list means a quiet pane
    await page.evaluate(() => new Promise<void>((resolve) => setTimeout(() => {
      const end = performance.now() + 120;
      while (performance.now() < end);
      resolve();
    }, 0)));
    await page.waitForFunction(() => window.q2cLongTasks.some((t) => t.duration >= 120));
    const from = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Generate billing', exact: true }).click();
    const done = page.getByRole('heading', { name: 'Generate billing: done' });
    await done.or(page.getByRole('alert')).first().waitFor({ timeout: 200_000 });
    if (!(await done.isVisible())) throw new Error(`Generate billing failed in the pane: ${await page.getByRole('alert').first().innerText()}`);
    const until = await page.evaluate(() => performance.now());
    // the results' own rendering belongs to the job too
    await page.waitForTimeout(500);
    const { tasks, steps } = await page.evaluate(() => ({ tasks: window.q2cLongTasks, steps: window.q2cSteps }));
    const scheduleRows = (await page.evaluate(() => window.q2cFake.fake.usedRows('Billing Schedule'))) - 1;
    const during = tasks.filter((t) => t.start >= from);
    const worst = during.reduce((max, t) => Math.max(max, t.duration), 0);
    if (process.env.Q2C_TIMELINE) {
      const lines = [...steps.map((s) => ({ at: s.at, text: s.step })), ...during.map((t) => ({ at: t.start, text: `long task ${Math.round(t.duration)} ms` }))];
      // eslint-disable-next-line no-console
      console.log(lines.sort((a, b) => a.at - b.at).map((l) => `${Math.round(l.at - from)}\t${l.text}`).join('\n'));
    }
    // eslint-disable-next-line no-console
    console.log(
      `Generate billing, ${CONTRACTS.toLocaleString('en-US')} contracts (${scheduleRows.toLocaleString('en-US')} schedule lines) in ${Math.round((until - from) / 1000)} s: ` +
        `worst long task on the pane's thread ${Math.round(worst)} ms; ${during.length} long tasks (over 50 ms)`,
    );
    return { worst, scheduleRows };
  }

  it('never blocks the UI thread for more than 200 ms while billing 10,000 contracts', async () => {
    let { worst, scheduleRows } = await measureJob();
    if (worst > LIMIT_MS) {
      // A long task is wall time: on a loaded machine the OS can stop the pane's thread mid-task.
      // One fresh measurement tells that apart from the pane blocking itself (which repeats).
      // eslint-disable-next-line no-console
      console.log(`worst long task ${Math.round(worst)} ms is over ${LIMIT_MS} ms: measuring once more on a fresh page`);
      await page.close();
      page = await openSeededPane();
      ({ worst, scheduleRows } = await measureJob());
    }
    expect(scheduleRows).toBeGreaterThan(290_000);
    expect(pageErrors).toEqual([]);
    expect(worst).toBeLessThanOrEqual(LIMIT_MS);
  });
});
