import { controlTotals } from '../../../src/core/controlTotals';
import { buildDocuments } from '../../../src/core/documents';
import type { BillingDocument } from '../../../src/core/model';
import { buildRevenueSchedule } from '../../../src/core/revenue';
import { dec, inputs, line, money, taxRate } from './builders';

describe('controlTotals', () => {
  const lines = [
    line({ lineId: 'a', netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14', taxJurisdiction: 'GB' }),
    line({ lineType: 'Credit', netAmount: '-250.00', invoiceDate: '2026-02-01', periodStart: '2026-02-01', periodEnd: '2026-02-14', creditOf: 'a', taxJurisdiction: 'GB' }),
    line({ contractId: 'J-1', currency: 'JPY', netAmount: '5000' }),
  ];

  it('ties Billing Schedule Net = Draft Invoices Subtotal = Revenue Billed per currency, before tax', () => {
    const input = inputs({ taxRates: [taxRate('GB', '20')] });
    const documents = buildDocuments(lines, input);
    const revenue = buildRevenueSchedule(documents.lines, input);
    const totals = controlTotals(documents.lines, documents.documents, revenue.rows);
    expect(totals.map((t) => [t.currency, t.scheduleNet.toString(), t.documentSubtotal.toString(), t.revenueBilled.toString(), t.ties])).toEqual([
      ['JPY', '5000', '5000', '5000', true],
      ['USD', '750', '750', '750', true],
    ]);
  });

  it('does not tie when one side is missing money, and still lists a currency seen on one side only', () => {
    const documents = buildDocuments(lines, inputs());
    const dropped: BillingDocument[] = documents.documents.filter((doc) => doc.document !== 'Credit Memo');
    const strayEuro = { ...dropped[0], currency: 'EUR', subtotal: dec('0.01') };
    const revenue = buildRevenueSchedule(documents.lines, inputs());
    const totals = controlTotals(documents.lines, [...dropped, strayEuro], revenue.rows);
    expect(totals.map((t) => [t.currency, money(t.documentSubtotal), t.ties])).toEqual([
      ['EUR', '0.01', false],
      ['JPY', '5000.00', true],
      ['USD', '1000.00', false],
    ]);
  });
});
