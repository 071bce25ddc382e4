import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { ExcelHost } from '../hosts/excel/excelHost';
import { runJob, type ComputeRunner, computeInPlace } from '../jobs/runJob';
import { App } from './App/App';
import { NotInExcel } from './NotInExcel/NotInExcel';
import { createOfficePaneHost } from './officePaneHost';
import type { PaneJobRunner } from './paneHost';
import { workerComputeRunner } from './workerCompute';

function render(content: ReactElement): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(<FluentProvider theme={webLightTheme}>{content}</FluentProvider>);
}

/** The worker keeps the pane responsive; where workers are unavailable the job computes in place. */
function computeRunner(): ComputeRunner {
  if (typeof Worker === 'undefined') return computeInPlace;
  return workerComputeRunner(new Worker(new URL('./computeWorker.ts', import.meta.url)));
}

function start(): void {
  const host = new ExcelHost();
  const compute = computeRunner();
  const paneRunJob: PaneJobRunner = (kind, options) => runJob(kind, host, options, compute);
  const paneHost = createOfficePaneHost({ run: <T,>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch), dateSystem: () => host.dateSystem() });
  render(<App runJob={paneRunJob} paneHost={paneHost} />);
}

if (typeof Office === 'undefined') {
  render(<NotInExcel detail="Office.js did not load: this page is offline or was opened outside Office." />);
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) start();
    else render(<NotInExcel detail={info.host ? `This is ${info.host}, not Excel.` : undefined} />);
  });
}
