import { billBook, type BillingResult } from '../core/bill';
import type { Issue } from '../core/issue';
import type { BillingInputs } from '../core/model';
import type { SheetSpec } from '../workbook/sheetSpec';
import {
  renderBillingSchedule, renderDraftInvoices, renderProration, renderRevenueSchedule,
} from '../workbook/render/billingSheets';
import type { SummaryItem } from './job';

export interface BillOutput {
  billing: BillingResult;
  specs: SheetSpec[];
  issues: Issue[];
  summary: SummaryItem[];
}

/** Generate billing: Billing Schedule, Draft Invoices, Proration, Revenue Schedule. */
export function computeBilling(inputs: BillingInputs): BillOutput {
  const billing = billBook(inputs);
  const invoices = billing.documents.filter((d) => d.document === 'Invoice').length;
  const creditMemos = billing.documents.length - invoices;
  const contractsBilled = new Set(billing.lines.map((l) => l.contractId)).size;
  return {
    billing,
    specs: [
      ...renderBillingSchedule(billing, inputs.settings),
      renderDraftInvoices(billing),
      renderProration(billing),
      renderRevenueSchedule(billing, inputs.settings),
    ],
    issues: billing.issues,
    summary: [
      { label: 'Contracts billed', value: contractsBilled },
      { label: 'Schedule lines', value: billing.lines.length },
      { label: 'Invoices', value: invoices },
      { label: 'Credit memos', value: creditMemos },
      { label: 'Control totals tie', value: billing.controlTotals.every((t) => t.ties) ? 'Yes' : 'No' },
    ],
  };
}
