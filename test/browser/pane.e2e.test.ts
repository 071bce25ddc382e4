/**
 * The task pane end to end: the real production bundle in headless Debian Chromium, with
 * office.js answered by a bundle of the in-memory fake workbook (test/browser/fakeOffice.ts).
 * It clicks each job as a user would and checks the sheets written, the progress shown, the
 * Issues list and cell selection, and Cancel; and it keeps screenshots at 350 px for the README.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeServer, fakeOfficeScript, describeWithChromium, launchChromium, paneBundle, paneUrl, removeBundle, ROOT, routeOffice, serve, type PaneBundle } from './paneBrowser';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const WIDTH = 350;

jest.setTimeout(180_000);

/** Records every progress step and bar value the pane shows, in order. */
const WATCH_PROGRESS = () => {
  const seen: { step: string; value: number }[] = [];
  (window as unknown as { q2cProgress: typeof seen }).q2cProgress = seen;
  new MutationObserver(() => {
    const bar = document.querySelector('[role="progressbar"]');
    const status = bar?.closest('section')?.querySelector('[role="status"]');
    if (!bar || !status) return;
    const entry = { step: status.textContent ?? '', value: Number(bar.getAttribute('aria-valuenow')) };
    const last = seen[seen.length - 1];
    if (!last || last.step !== entry.step || last.value !== entry.value) seen.push(entry);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

/** The value once it equals `expected`, or the last value read after a few seconds. */
async function settled<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describeWithChromium('the task pane browser test')('task pane in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let bundle: PaneBundle | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [fakeOffice, built] = await Promise.all([fakeOfficeScript(), paneBundle()]);
    bundle = built;
    server = await serve(built.dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await routeOffice(page, fakeOffice);
    await page.addInitScript(WATCH_PROGRESS);
    await page.goto(paneUrl(server));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
    removeBundle(bundle);
  });

  const sheetNames = () => page.evaluate(() => window.q2cFake.fake.sheetNames());
  const progressSeen = () => page.evaluate(() => (window as unknown as { q2cProgress: { step: string; value: number }[] }).q2cProgress.splice(0));
  const jobButton = (name: string) => page.getByRole('button', { name, exact: true });

  async function runJob(name: string): Promise<{ step: string; value: number }[]> {
    await progressSeen();
    await jobButton(name).click();
    await finished(name);
    return progressSeen();
  }

  /** Waits for the job's results; a failure shown in the pane fails the test with its words. */
  async function finished(name: string): Promise<void> {
    const done = page.getByRole('heading', { name: `${name}: done` });
    await done.or(page.getByRole('alert')).first().waitFor({ timeout: 120_000 });
    if (!(await done.isVisible())) throw new Error(`${name} failed in the pane: ${await page.getByRole('alert').first().innerText()}`);
  }

  function expectForwardProgress(seen: { step: string; value: number }[], atLeast = 3): void {
    expect(seen.length).toBeGreaterThanOrEqual(atLeast);
    const values = seen.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  }

  it('opens as an Excel pane with one place per job', async () => {
    await jobButton('Set up workbook').waitFor();
    for (const name of ['Set up workbook', 'Generate billing', 'Build matrices', 'Reconcile month']) {
      expect(await jobButton(name).isEnabled()).toBe(true);
    }
    expect(await page.getByText('Open this in Excel').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-idle.png') });
  });

  it('sets up the workbook with the sample book', async () => {
    const seen = await runJob('Set up workbook');
    expectForwardProgress(seen, 1); // an empty book has little to read
    const names = await sheetNames();
    for (const sheet of ['Contracts', 'Amendments', 'Usage', 'Settings', 'Invoices', 'Payments', 'Sync Log']) expect(names).toContain(sheet);
    const contracts = await page.evaluate(async () => (await window.q2cFake.fake.values('Contracts')).length);
    expect(contracts).toBeGreaterThan(40);
    // the job computed in the pane's Web Worker, not on the page's thread (the other one is the fake workbook's)
    expect(page.workers().filter((worker) => !worker.url().startsWith('blob:')).length).toBe(1);
  });

  it('generates billing with progress in words, then lists Issues that select their cells', async () => {
    await page.evaluate(() => {
      window.q2cFake.syncDelayMs = 150;
    });
    await jobButton('Generate billing').click();
    await page.getByRole('progressbar').waitFor();
    expect(await jobButton('Build matrices').isDisabled()).toBe(true);
    await page.getByRole('status').filter({ hasText: /^Writing / }).waitFor({ timeout: 120_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-running.png') });
    await page.evaluate(() => {
      window.q2cFake.syncDelayMs = 0;
    });
    await finished('Generate billing');
    const seen = await progressSeen();
    expectForwardProgress(seen);
    expect(seen.some((s) => /^Reading Contracts — [\d,]+ rows$/.test(s.step))).toBe(true);
    expect(seen.some((s) => /^Writing Billing Schedule/.test(s.step))).toBe(true);

    const names = await sheetNames();
    for (const sheet of ['Billing Schedule', 'Draft Invoices', 'Revenue Schedule', 'Issues']) expect(names).toContain(sheet);
    const scheduleRows = await page.evaluate(async () => (await window.q2cFake.fake.usedRows('Billing Schedule')) - 1);
    const link = page.getByRole('button', { name: 'Billing Schedule', exact: true });
    expect(await link.locator('xpath=..').innerText()).toContain(`(${scheduleRows.toLocaleString('en-US')} rows)`);
    await link.click();
    expect(await settled(() => page.evaluate(async () => (await window.q2cFake.record()).activeSheet), 'Billing Schedule')).toBe('Billing Schedule');

    const issues = page.getByRole('region', { name: /^Issues \(\d+\)$/ }).getByRole('listitem').getByRole('button');
    expect(await issues.count()).toBeGreaterThan(0);
    const label = (await issues.first().getAttribute('aria-label')) ?? '';
    const cell = /^(?:Error|Warning) at ([^:]+!\$?[A-Z]+\$?\d+):/.exec(label)?.[1];
    expect(cell).toBeDefined();
    await issues.first().click();
    expect(await settled(() => page.evaluate(async () => (await window.q2cFake.record()).selected), cell)).toBe(cell);
    await page.getByRole('heading', { name: 'Generate billing: done' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-results.png') });
  });

  it('builds the matrices', async () => {
    expectForwardProgress(await runJob('Build matrices'));
    const names = await sheetNames();
    for (const sheet of ['CRM Data Audit', 'Gap Analysis', 'Field Mapping', 'Tool Selection']) expect(names).toContain(sheet);
  });

  it('reconciles the month from Settings and draws the KPI charts beside the KPIs table', async () => {
    expect(await page.getByRole('textbox', { name: 'Month' }).inputValue()).toMatch(/^\d{4}-\d{2}$/);
    expectForwardProgress(await runJob('Reconcile month'));
    const names = await sheetNames();
    for (const sheet of ['Reconciliation', 'Reconciliation Detail', 'KPIs']) expect(names).toContain(sheet);
    await page.getByText(/^Drew \d KPI charts? beside the KPIs table\.$/).waitFor();
    const charts = await page.evaluate(async () => (await window.q2cFake.record()).charts);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart).toMatchObject({ sheet: 'KPIs', type: 'Line' });
      expect(chart.series[0].xAxis).toMatch(/^A2:A\d+$/);
    }
  });

  it('edits a setting in its Value cell and nowhere else', async () => {
    const before = await page.evaluate(() => window.q2cFake.fake.values('Settings'));
    const row = before.findIndex((r) => r[0] === 'Discrepancy Amount Threshold');
    expect(row).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Discrepancy Amount Threshold' });
    await field.fill('250');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).and(page.locator('[disabled]')).waitFor();
    const after = await page.evaluate(() => window.q2cFake.fake.values('Settings'));
    // Value is column B; Setup formats it as text or General, so the 250 may stay text
    expect(after[row].map(String)).toEqual(before[row].map((value, column) => (column === 1 ? '250' : String(value))));
    expect(after.filter((_, i) => i !== row)).toEqual(before.filter((_, i) => i !== row));
    expect(await field.inputValue()).toBe('250');
  });

  it('cancels a running job and leaves the workbook as it was', async () => {
    const before = await page.evaluate(async () => JSON.stringify(await window.q2cFake.fake.snapshot()));
    await page.evaluate(() => {
      window.q2cFake.syncDelayMs = 300;
    });
    await jobButton('Generate billing').click();
    await page.getByRole('status').filter({ hasText: /^Writing / }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Generate billing was cancelled; the workbook was left as it was.').waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      window.q2cFake.syncDelayMs = 0;
    });
    expect(await page.evaluate(async () => JSON.stringify(await window.q2cFake.fake.snapshot()))).toBe(before);
    expect(await jobButton('Generate billing').isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('outside Office, says it must be opened in Excel and points to q2c', async () => {
    const outside = await browser.newPage({ viewport: { width: WIDTH, height: 600 } });
    try {
      await outside.route('**/*', (route) => (route.request().url().startsWith('http://127.0.0.1:') ? route.continue() : route.abort()));
      await outside.goto(paneUrl(server));
      await outside.getByText('Open this in Excel').waitFor();
      expect(await outside.getByRole('main').innerText()).toContain('q2c run BOOK.xlsx');
      expect(await outside.getByRole('button').count()).toBe(0);
    } finally {
      await outside.close();
    }
  });
});
