import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Title3,
} from '@fluentui/react-components';
import { fromYMD } from '../../core/calendarDate';
import type { JobKind, JobResult } from '../../jobs/job';
import { describeError, type ErrorAdvice } from '../describeError';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { IssuesList } from '../IssuesList/IssuesList';
import { JobCard } from '../JobCard/JobCard';
import { JobProgress } from '../JobProgress/JobProgress';
import type { PaneHost, PaneJobRunner, SettingRow } from '../paneHost';
import { defaultReconciliationMonth } from '../reconciliationMonth';
import { ResultsPanel } from '../ResultsPanel/ResultsPanel';
import { SettingsEditor } from '../SettingsEditor/SettingsEditor';
import { useJobRunner } from '../useJobRunner';
import { useAppStyles } from './useAppStyles.styles';

export interface AppProps {
  runJob: PaneJobRunner;
  paneHost: PaneHost;
  /** today's date as yyyy-mm-dd; tests fix it */
  todayISO?: string;
}

export const JOB_TITLES: Record<JobKind, string> = {
  setup: 'Set up workbook',
  bill: 'Generate billing',
  analyze: 'Build matrices',
  reconcile: 'Reconcile month',
  run: 'Run everything',
};

/** Jobs whose output includes the KPIs table, after which the pane draws the KPI charts. */
const KPI_JOBS: JobKind[] = ['reconcile', 'run'];

export function App({ runJob, paneHost, todayISO = new Date().toISOString().slice(0, 10) }: AppProps) {
  const styles = useAppStyles();
  const [settings, setSettings] = React.useState<SettingRow[]>([]);
  const [notice, setNotice] = React.useState<ErrorAdvice | null>(null);
  const [chartNote, setChartNote] = React.useState<string | null>(null);
  const [sample, setSample] = React.useState(true);
  const [month, setMonth] = React.useState<string>('');
  const monthTouched = React.useRef(false);

  const loadSettings = React.useCallback(async () => {
    try {
      const rows = await paneHost.readSettings();
      setSettings(rows);
      if (!monthTouched.current) setMonth(defaultReconciliationMonth(rows, todayISO));
    } catch (error) {
      setNotice(describeError(error));
    }
  }, [paneHost, todayISO]);

  React.useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  const afterJob = React.useCallback(
    async (kind: JobKind, result: JobResult) => {
      if (kind === 'setup') await loadSettings();
      if (KPI_JOBS.includes(kind) && result.sheetsWritten.some((s) => s.name === 'KPIs')) {
        try {
          const charts = await paneHost.addKpiCharts();
          setChartNote(charts > 0 ? `Drew ${charts} KPI chart${charts === 1 ? '' : 's'} beside the KPIs table.` : 'No KPI months to chart yet.');
        } catch (error) {
          setNotice(describeError(error));
        }
      }
    },
    [loadSettings, paneHost],
  );

  const { state, start, cancel } = useJobRunner(runJob, afterJob);
  const running = state.status === 'running';
  const results = React.useRef<HTMLDivElement>(null);

  // Take the user (and a screen reader's focus) to the results when a job finishes.
  React.useEffect(() => {
    if (state.status !== 'done' || !results.current) return;
    results.current.scrollIntoView?.({ block: 'start' });
    results.current.focus();
  }, [state]);

  const run = (kind: JobKind, options = {}) => {
    setNotice(null);
    setChartNote(null);
    void start(kind, options);
  };

  const act = (action: () => Promise<unknown>) => {
    action().catch((error: unknown) => setNotice(describeError(error)));
  };

  const runReconcile = () => {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    run('reconcile', match ? { reconciliationMonth: fromYMD(Number(match[1]), Number(match[2]), 1) } : {});
  };

  const saveSettings = async (changes: { setting: string; value: string }[]) => {
    try {
      for (const change of changes) await paneHost.writeSettingValue(change.setting, change.value);
    } catch (error) {
      setNotice(describeError(error));
    } finally {
      await loadSettings();
    }
  };

  return (
    <main className={styles.root} aria-label="Q2C Workbench">
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          Q2C Workbench
        </Title3>
        <Caption1>Billing, revenue and month-end reconciliation from the sheets in this workbook.</Caption1>
      </header>

      {state.status === 'running' ? (
        <JobProgress jobTitle={JOB_TITLES[state.kind]} step={state.step} fraction={state.fraction} onCancel={cancel} />
      ) : null}

      {state.status === 'cancelled' ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{JOB_TITLES[state.kind]} was cancelled; the workbook was left as it was.</MessageBarBody>
        </MessageBar>
      ) : null}

      {state.status === 'failed' ? <ErrorNotice advice={state.advice} /> : null}
      {notice ? <ErrorNotice advice={notice} onDismiss={() => setNotice(null)} /> : null}

      <section className={styles.jobs} aria-labelledby="jobs-heading">
        <h2 id="jobs-heading" className={styles.sectionHeading}>
          Jobs
        </h2>
        <JobCard
          id="job-setup"
          title={JOB_TITLES.setup}
          description="Creates the input sheets (Contracts, Usage, Settings, ...) with headers, drop-downs and default Settings."
          actionLabel={JOB_TITLES.setup}
          disabled={running}
          onRun={() => run('setup', { sample })}
        >
          <Checkbox
            label="Fill with sample data"
            checked={sample}
            disabled={running}
            onChange={(_, data) => setSample(data.checked === true)}
          />
        </JobCard>
        <JobCard
          id="job-bill"
          title={JOB_TITLES.bill}
          description="Reads Contracts and the other input sheets; writes Billing Schedule, Draft Invoices, Proration, Revenue Schedule and Issues."
          actionLabel={JOB_TITLES.bill}
          disabled={running}
          onRun={() => run('bill')}
        />
        <JobCard
          id="job-analyze"
          title={JOB_TITLES.analyze}
          description="Reads Contracts; writes the CRM audits, Gap Analysis, Field Mapping, Tool Selection and Strategy, keeping your edits."
          actionLabel={JOB_TITLES.analyze}
          disabled={running}
          onRun={() => run('analyze')}
        />
        <JobCard
          id="job-reconcile"
          title={JOB_TITLES.reconcile}
          description="Reads Invoices, Payments and Sync Log against the contracts; writes Reconciliation, Reconciliation Detail, KPIs and KPI charts."
          actionLabel={JOB_TITLES.reconcile}
          disabled={running}
          onRun={runReconcile}
        >
          <Field label="Month" hint="Defaults to Settings: Reconciliation Month.">
            <Input
              type="month"
              value={month}
              disabled={running}
              onChange={(_, data) => {
                monthTouched.current = true;
                setMonth(data.value);
              }}
            />
          </Field>
        </JobCard>
      </section>

      {state.status === 'done' ? (
        <>
          <div className={styles.panel} ref={results} tabIndex={-1}>
            <ResultsPanel
              jobTitle={JOB_TITLES[state.kind]}
              result={state.result}
              onOpenSheet={(name) => act(() => paneHost.activateSheet(name))}
            />
            {chartNote ? <Caption1 role="status">{chartNote}</Caption1> : null}
          </div>
          <div className={styles.panel}>
            <IssuesList
              issues={state.result.issues}
              onSelectCell={(address) => act(() => paneHost.selectCell(address))}
              onOpenIssuesSheet={() => act(() => paneHost.activateSheet('Issues'))}
            />
          </div>
        </>
      ) : null}

      <Accordion collapsible>
        <AccordionItem value="settings">
          <AccordionHeader as="h2">Settings</AccordionHeader>
          <AccordionPanel>
            <SettingsEditor settings={settings} onSave={saveSettings} onReload={() => void loadSettings()} disabled={running} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </main>
  );
}
