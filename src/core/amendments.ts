import type { BillingInputs, ProrationRow, ScheduleLine } from './model';
import type { Issue } from './issue';

/**
 * Applies the Amendments sheet to the contracted schedule (billing.md, Amendments).
 * Placeholder until the amendments module lands: returns the schedule unchanged and says
 * so on the Issues sheet for every amendment, so nothing is silently ignored.
 */
export function applyAmendments(
  inputs: BillingInputs,
  lines: ScheduleLine[],
): { lines: ScheduleLine[]; proration: ProrationRow[]; issues: Issue[] } {
  const issues: Issue[] = inputs.amendments.map((a) => ({
    job: 'Bill',
    severity: 'Error',
    sheet: a.source.sheet,
    cell: `${a.source.sheet}!A${a.source.row}`,
    column: '',
    value: a.amendmentId,
    problem: 'Amendments are not applied yet',
    fix: 'Apply this change by hand until amendment support lands',
  }));
  return { lines, proration: [], issues };
}
