import { billBook, type BillingResult } from '../core/bill';
import type { Issue } from '../core/issue';
import type { BillingInputs } from '../core/model';
import { dataRowCount, type SheetSpec } from '../workbook/sheetSpec';
import {
  renderBillingSchedule, renderDraftInvoices, renderProration, renderRevenueSchedule,
} from '../workbook/render/billingSheets';
import { EXCEL_MAX_DATA_ROWS, splitAtRowLimit } from '../workbook/render/rowLimit';
import type { SummaryItem } from './job';

export interface BillOutput {
  billing: BillingResult;
  specs: SheetSpec[];
  issues: Issue[];
  summary: SummaryItem[];
}

/**
 * Generate billing: Billing Schedule, Draft Invoices, Proration, Revenue Schedule.
 * `sheetRowLimit` is Excel's row limit unless a test makes it small.
 */
export function computeBilling(inputs: BillingInputs, sheetRowLimit?: number): BillOutput {
  const billing = billBook(inputs);
  const invoices = billing.documents.filter((d) => d.document === 'Invoice').length;
  const creditMemos = billing.documents.length - invoices;
  const contractsBilled = new Set(billing.lines.map((l) => l.contract.contractId)).size;
  const limit = sheetRowLimit ?? EXCEL_MAX_DATA_ROWS;
  // one invoice per contract and period grows as fast as the schedule, so every sheet may split
  const sheets = [
    renderBillingSchedule(billing, inputs.settings, limit),
    splitAtRowLimit(renderDraftInvoices(billing), limit),
    splitAtRowLimit(renderProration(billing), limit),
    splitAtRowLimit(renderRevenueSchedule(billing, inputs.settings), limit),
  ];
  // A split is easy to miss in a list of sheets; say it in words where the user looks first.
  const continued: SummaryItem[] = sheets
    .filter((parts) => parts.length > 1)
    .map((parts) => ({
      label: `${parts[0].name} continues on`,
      value: `${parts.slice(1).map((s) => s.name).join(', ')} (one sheet holds ${dataRowCount(parts[0]).toLocaleString('en-US')} rows, Excel's row limit)`,
    }));
  return {
    billing,
    specs: sheets.flat(),
    issues: billing.issues,
    summary: [
      { label: 'Contracts billed', value: contractsBilled },
      { label: 'Schedule lines', value: billing.lines.length },
      ...continued,
      { label: 'Invoices', value: invoices },
      { label: 'Credit memos', value: creditMemos },
      { label: 'Control totals tie', value: billing.controlTotals.every((t) => t.ties) ? 'Yes' : 'No' },
    ],
  };
}
