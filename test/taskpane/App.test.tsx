/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fromYMD } from '../../src/core/calendarDate';
import type { Issue } from '../../src/core/issue';
import type { JobKind, JobOptions, JobResult } from '../../src/jobs/job';
import { App } from '../../src/taskpane/App/App';
import type { PaneHost, SettingRow } from '../../src/taskpane/paneHost';

/** A job the test finishes by hand, so it can look at the pane while it runs. */
interface PendingJob {
  kind: JobKind;
  options: JobOptions;
  resolve: (result: JobResult) => void;
  reject: (error: unknown) => void;
}

function fakeRunner() {
  const jobs: PendingJob[] = [];
  const runJob = jest.fn(
    (kind: JobKind, options: JobOptions) =>
      new Promise<JobResult>((resolve, reject) => {
        jobs.push({ kind, options, resolve, reject });
      }),
  );
  return { runJob, jobs };
}

function fakePaneHost(settings: SettingRow[] = []): PaneHost & { [K in keyof PaneHost]: jest.Mock } {
  return {
    activateSheet: jest.fn(async () => undefined),
    selectCell: jest.fn(async () => undefined),
    readSettings: jest.fn(async () => settings),
    writeSettingValue: jest.fn(async () => undefined),
    addKpiCharts: jest.fn(async () => 3),
  };
}

const issue = (cell: string, severity: Issue['severity'], problem: string): Issue => ({
  job: 'Bill',
  severity,
  sheet: cell.split('!')[0],
  cell,
  column: 'Unit Price',
  value: 'abc',
  problem,
  fix: 'Type the price as a number.',
});

const billResult: JobResult = {
  job: 'bill',
  sheetsWritten: [
    { name: 'Billing Schedule', rows: 1240 },
    { name: 'Draft Invoices', rows: 312 },
    { name: 'Issues', rows: 2 },
  ],
  issues: [issue('Contracts!F14', 'Warning', 'Discount 0.15 looks like a fraction'), issue('Contracts!K7', 'Error', 'Unit Price is not a number')],
  errors: 1,
  warnings: 1,
  redFlags: 0,
  summary: [
    { label: 'Schedule lines', value: 1240 },
    { label: 'Invoices', value: 298 },
    { label: 'Credit memos', value: 14 },
  ],
};

const settings: SettingRow[] = [
  { setting: 'Reporting Currency', text: 'USD', isoDate: null },
  { setting: 'As Of Date', text: '3/31/2026', isoDate: '2026-03-31' },
  { setting: 'Reconciliation Month', text: '', isoDate: null },
  { setting: 'Discrepancy Amount Threshold', text: '100', isoDate: null },
];

function renderPane(paneHost: PaneHost, runJob: ReturnType<typeof fakeRunner>['runJob']) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App runJob={runJob} paneHost={paneHost} todayISO="2026-04-15" />
    </FluentProvider>,
  );
}

const jobButtons = () => ['Set up workbook', 'Generate billing', 'Build matrices', 'Reconcile month'].map((name) => screen.getByRole('button', { name }));

describe('task pane', () => {
  it('offers one place per job, each with what it reads and writes', async () => {
    const { runJob } = fakeRunner();
    renderPane(fakePaneHost(settings), runJob);
    for (const title of ['Set up workbook', 'Generate billing', 'Build matrices', 'Reconcile month']) {
      const section = screen.getByRole('region', { name: title });
      expect(within(section).getByRole('button', { name: title })).toBeTruthy();
      expect(within(section).getByText(/writes|Creates/)).toBeTruthy();
    }
    await waitFor(() => expect((screen.getByLabelText('Month') as HTMLInputElement).value).toBe('2026-02'));
  });

  it('shows progress in words, never rewinds, and disables every job button while one runs', async () => {
    const { runJob, jobs } = fakeRunner();
    renderPane(fakePaneHost(settings), runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    expect(runJob).toHaveBeenCalledWith('bill', expect.objectContaining({ signal: expect.any(AbortSignal) }));
    for (const button of jobButtons()) expect(button.hasAttribute('disabled')).toBe(true);

    const progress = jobs[0].options.progress!;
    act(() => progress({ step: 'Reading Contracts — 1,240 rows', fraction: 0.1 }));
    expect(screen.getByRole('status').textContent).toBe('Reading Contracts — 1,240 rows');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.1');
    act(() => progress({ step: 'Writing Billing Schedule — 40%', fraction: 0.7 }));
    act(() => progress({ step: 'Writing Draft Invoices', fraction: 0.6 }));
    expect(screen.getByRole('status').textContent).toBe('Writing Draft Invoices');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.7');
    expect(screen.getByText('70%')).toBeTruthy();

    await act(async () => jobs[0].resolve(billResult));
    for (const button of jobButtons()) expect(button.hasAttribute('disabled')).toBe(false);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('cancels through the job signal and says the workbook was left as it was', async () => {
    const { runJob, jobs } = fakeRunner();
    renderPane(fakePaneHost(settings), runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Build matrices' }));
    const signal = jobs[0].options.signal!;
    expect(signal.aborted).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(signal.aborted).toBe(true);
    const cancelled = Object.assign(new Error('The job was cancelled; the workbook was left as it was.'), { name: 'JobCancelledError' });
    await act(async () => jobs[0].reject(cancelled));
    expect(screen.getByText('Build matrices was cancelled; the workbook was left as it was.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    for (const button of jobButtons()) expect(button.hasAttribute('disabled')).toBe(false);
  });

  it('summarises the result, opens written sheets and selects the cell of an issue', async () => {
    const { runJob, jobs } = fakeRunner();
    const paneHost = fakePaneHost(settings);
    renderPane(paneHost, runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    await act(async () => jobs[0].resolve(billResult));

    const results = screen.getByRole('region', { name: 'Generate billing: done' });
    expect(within(results).getByText('Schedule lines', { selector: 'dt' }).nextSibling?.textContent).toBe('1,240');
    expect(within(results).getByText('Invoices', { selector: 'dt' }).nextSibling?.textContent).toBe('298');
    expect(within(results).getByText('Red flags', { selector: 'dt' }).nextSibling?.textContent).toBe('0');
    expect(within(results).getByText('Issues', { selector: 'dt' }).nextSibling?.textContent).toBe('1 error, 1 warning');

    fireEvent.click(within(results).getByRole('button', { name: 'Billing Schedule' }));
    expect(paneHost.activateSheet).toHaveBeenCalledWith('Billing Schedule');

    const issues = screen.getByRole('region', { name: 'Issues (2)' });
    const listed = within(issues).getAllByRole('button');
    expect(listed.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Error at Contracts!K7: Unit Price is not a number. Type the price as a number.',
      'Warning at Contracts!F14: Discount 0.15 looks like a fraction. Type the price as a number.',
    ]);
    fireEvent.click(listed[1]);
    expect(paneHost.selectCell).toHaveBeenCalledWith('Contracts!F14');
  });

  it('lists only the first issues and links to the Issues sheet for the rest', async () => {
    const { runJob, jobs } = fakeRunner();
    const paneHost = fakePaneHost(settings);
    renderPane(paneHost, runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    const many = Array.from({ length: 150 }, (_, i) => issue(`Contracts!F${i + 2}`, 'Warning', 'Blank Discount %'));
    await act(async () => jobs[0].resolve({ ...billResult, issues: many, errors: 0, warnings: 150 }));
    const issues = screen.getByRole('region', { name: 'Issues (150)' });
    expect(within(issues).getAllByRole('listitem')).toHaveLength(100);
    expect(within(issues).getByText(/Showing 100 of 150/)).toBeTruthy();
    fireEvent.click(within(issues).getByRole('button', { name: 'Open the Issues sheet' }));
    expect(paneHost.activateSheet).toHaveBeenCalledWith('Issues');
  });

  it('sets up the workbook with or without sample data', async () => {
    const { runJob, jobs } = fakeRunner();
    const paneHost = fakePaneHost([]);
    renderPane(paneHost, runJob);
    fireEvent.click(screen.getByRole('checkbox', { name: /Fill with sample data/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Set up workbook' }));
    expect(jobs[0].kind).toBe('setup');
    expect(jobs[0].options.sample).toBe(false);
    await act(async () => jobs[0].resolve({ ...billResult, job: 'setup', issues: [], errors: 0, warnings: 0, summary: [] }));
    // Setup creates Settings, so the pane reads them again.
    expect(paneHost.readSettings).toHaveBeenCalledTimes(2);
  });

  it('reconciles the month picked (defaulting from Settings) and then draws the KPI charts', async () => {
    const { runJob, jobs } = fakeRunner();
    const paneHost = fakePaneHost(settings);
    renderPane(paneHost, runJob);
    const month = screen.getByLabelText('Month') as HTMLInputElement;
    await waitFor(() => expect(month.value).toBe('2026-02'));
    fireEvent.change(month, { target: { value: '2026-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reconcile month' }));
    expect(jobs[0].kind).toBe('reconcile');
    expect(jobs[0].options.reconciliationMonth).toBe(fromYMD(2026, 1, 1));
    await act(async () =>
      jobs[0].resolve({ ...billResult, job: 'reconcile', sheetsWritten: [{ name: 'Reconciliation', rows: 9 }, { name: 'KPIs', rows: 3 }], redFlags: 2 }),
    );
    expect(paneHost.addKpiCharts).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Drew 3 KPI charts beside the KPIs table.')).toBeTruthy();
    expect(screen.getByText('Red flags', { selector: 'dt' }).nextSibling?.textContent).toBe('2');
  });

  it('shows an Excel error in words with what to do, and stays usable', async () => {
    const { runJob, jobs } = fakeRunner();
    renderPane(fakePaneHost(settings), runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    const excelError = Object.assign(new Error('The operation is not allowed while a cell is being edited.'), { code: 'InvalidOperationInCellEditMode' });
    await act(async () => jobs[0].reject(excelError));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Excel is busy editing a cell');
    expect(alert.textContent).toContain('Press Enter or Esc to finish editing the cell, then try again.');
    expect(alert.textContent).toContain('The operation is not allowed while a cell is being edited.');
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    expect(runJob).toHaveBeenCalledTimes(2);
  });

  it('shows a failed cell selection instead of swallowing it', async () => {
    const { runJob, jobs } = fakeRunner();
    const paneHost = fakePaneHost(settings);
    paneHost.selectCell.mockRejectedValue(Object.assign(new Error('Could not select Contracts!K7: there is no sheet named "Contracts"'), { code: 'ItemNotFound' }));
    renderPane(paneHost, runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Generate billing' }));
    await act(async () => jobs[0].resolve(billResult));
    fireEvent.click(screen.getAllByRole('button', { name: /^Error at Contracts!K7/ })[0]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A sheet or table is missing');
    expect(alert.textContent).toContain('there is no sheet named "Contracts"');
  });

  it('edits Settings values and writes only the changed Value cells', async () => {
    const { runJob } = fakeRunner();
    const paneHost = fakePaneHost(settings);
    renderPane(paneHost, runJob);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const threshold = (await screen.findByLabelText('Discrepancy Amount Threshold')) as HTMLInputElement;
    expect(threshold.value).toBe('100');
    const save = screen.getByRole('button', { name: 'Save changes' });
    expect(save.hasAttribute('disabled')).toBe(true);
    fireEvent.change(threshold, { target: { value: '250' } });
    fireEvent.change(screen.getByLabelText('Reporting Currency'), { target: { value: 'USD' } }); // unchanged
    expect(save.hasAttribute('disabled')).toBe(false);
    await act(async () => {
      fireEvent.click(save);
    });
    expect(paneHost.writeSettingValue.mock.calls).toEqual([['Discrepancy Amount Threshold', '250']]);
    expect(paneHost.readSettings).toHaveBeenCalledTimes(2);
  });
});
