import type { Issue } from './issue';
import type {
  BilledLine, BillingDocument, BillingInputs, ControlTotal, ProrationRow, RevenueRow,
} from './model';
import { buildBillingSchedule } from './schedule';
import { buildDocuments } from './documents';
import { buildRevenueSchedule } from './revenue';
import { controlTotals } from './controlTotals';

export interface BillingResult {
  lines: BilledLine[];
  documents: BillingDocument[];
  proration: ProrationRow[];
  revenue: RevenueRow[];
  controlTotals: ControlTotal[];
  issues: Issue[];
}

/** The whole billing core, in the order each step needs the last: schedule, documents, revenue, ties. */
export function billBook(inputs: BillingInputs): BillingResult {
  const schedule = buildBillingSchedule(inputs);
  // the schedule's lines are this run's own: documents add their tax and numbers in place
  const documents = buildDocuments(schedule.lines, inputs, { linesAreOurs: true });
  const revenue = buildRevenueSchedule(documents.lines, inputs);
  return {
    lines: documents.lines,
    documents: documents.documents,
    proration: schedule.proration,
    revenue: revenue.rows,
    controlTotals: controlTotals(documents.lines, documents.documents, revenue.rows),
    issues: [...schedule.issues, ...documents.issues, ...revenue.issues],
  };
}
