import type { BillingResult } from '../core/bill';
import { firstOfMonth, toISO } from '../core/calendarDate';
import type { Issue } from '../core/issue';
import { reconcileMonth } from '../reconcile/reconcileMonth';
import { parseReconciliationInputs } from '../workbook/parseInputs';
import type { InputGrid } from '../workbook/grid';
import type { InputSheetName } from '../workbook/inputSheets';
import { renderReconciliationSheets } from '../workbook/render/reconciliationSheets';
import type { SheetSpec } from '../workbook/sheetSpec';
import type { SummaryItem } from './job';
import { parseContext, type ComputeOptions, type Grids, type ParsedBook } from './parsedBook';

export interface ReconciliationOutput {
  specs: SheetSpec[];
  issues: Issue[];
  summary: SummaryItem[];
  redFlags: number;
}

function isBilledStage(stage: string | null | undefined): boolean {
  return !stage || stage.trim().toLowerCase().replace(/[^a-z]/g, '') === 'closedwon';
}

/** Reconcile month: the billing system's exports against the documents the contracts call for. */
export function computeReconciliation(
  parsed: ParsedBook,
  billing: BillingResult,
  grids: Grids,
  options: ComputeOptions,
): ReconciliationOutput {
  const { inputs } = parsed;
  const exports = parseReconciliationInputs(
    grids as Partial<Record<InputSheetName, InputGrid | null>>,
    inputs.settings,
    parseContext('Reconcile', options),
  );
  // A contract skipped for an Error counts as uncovered only if it was meant to be billed.
  const skippedBillable = new Set(
    parsed.contractRows.filter((r) => !r.billable && isBilledStage(r.line.stage)).map((r) => r.line.contractId ?? ''),
  );
  const result = reconcileMonth({
    month: firstOfMonth(inputs.settings.reconciliationMonth),
    settings: inputs.settings,
    contracts: inputs.contracts,
    amendments: inputs.amendments,
    skippedContractIds: inputs.skippedContractIds.filter((id) => skippedBillable.has(id)),
    expectedDocuments: billing.documents,
    expectedLines: billing.lines,
    fxRates: inputs.fxRates,
    exports: exports.inputs,
  });
  return {
    specs: renderReconciliationSheets(result),
    issues: [...exports.issues, ...result.issues],
    redFlags: result.counts.redFlags + result.counts.triggered,
    summary: [
      { label: 'Reconciliation month', value: toISO(result.month).slice(0, 7) },
      { label: 'Invoices matched', value: `${result.counts.matchedInvoices} of ${result.counts.actualInvoices}` },
      { label: 'Refinement triggers fired', value: result.counts.triggered },
    ],
  };
}
