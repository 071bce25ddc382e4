import { addDays, lastOfMonth, minDate, toISO } from '../core/calendarDate';
import { Decimal } from '../core/decimal';
import { blankFinding, counted, outcome, type CheckOutcome } from './checkOutcome';
import type { ReconciliationContext } from './context';

// ---------------------------------------------------------------- Integration health

export const INTEGRATION_HEALTH = 'Integration health';

export function integrationHealthCheck(context: ReconciliationContext): CheckOutcome {
  const { settings, month } = context;
  const end = minDate(settings.asOfDate, lastOfMonth(month));
  const start = addDays(end, -(settings.syncFailureLookbackDays - 1));
  const inWindow = context.input.exports.syncLog.filter((s) => s.date >= start && s.date <= end);
  const failures = inWindow.filter((s) => s.status === 'Failure').sort((a, b) => a.timestamp - b.timestamp || a.source.row - b.source.row);
  const window = `${toISO(start)} to ${toISO(end)}`;
  const noData = inWindow.length === 0;
  return outcome(
    INTEGRATION_HEALTH, 'Check',
    noData ? null : new Decimal(failures.length),
    noData ? `No Sync Log rows ${window}` : `${counted(failures.length, 'failure', 'failures')} in ${counted(inWindow.length, 'sync run', 'sync runs')} ${window}`,
    `any failure in the last ${settings.syncFailureLookbackDays} days`,
    noData ? 'No Data' : failures.length > 0 ? 'Red Flag' : 'OK',
    failures.map((f) =>
      blankFinding(INTEGRATION_HEALTH, 'Red Flag', `${f.source.sheet}!A${f.source.row}: ${f.integration} failed on ${toISO(f.date)}${f.error ? `: ${f.error}` : ''}`),
    ),
  );
}
