import { MemoryHost } from '../support/memoryHost';
import { runJob } from '../../src/jobs/runJob';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';

const today = fromISO('2026-11-26') as CalendarDate;

test('setup --sample then run on the sample book', async () => {
  const host = new MemoryHost();
  const setup = await runJob('setup', host, { sample: true, today });
  const run = await runJob('run', host, { today });
  console.log(JSON.stringify(setup.sheetsWritten), JSON.stringify(run.sheetsWritten), JSON.stringify(run.summary));
  console.log(run.issues.map((i) => `${i.job} ${i.severity} ${i.cell} ${i.problem}`).join('\n'));
  console.log(JSON.stringify(host.table('Reconciliation'), null, 0));
  console.log(JSON.stringify(host.table('Run Summary'), null, 0));
});
