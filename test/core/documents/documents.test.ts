import { buildDocuments } from '../../../src/core/documents';
import type { BilledLine, BillingDocument } from '../../../src/core/model';
import { contractLine, d, fxRate, inputs, iso, line, money, settings, taxRate } from './builders';

function byNumber(documents: BillingDocument[], number: string): BillingDocument {
  const found = documents.find((doc) => doc.number === number);
  if (!found) throw new Error(`no document ${number} in ${documents.map((doc) => doc.number).join(', ')}`);
  return found;
}

function taxes(lines: BilledLine[]): (string | null)[] {
  return lines.map((l) => money(l.tax));
}

describe('grouping into invoices and numbering', () => {
  it('puts the non-credit lines of one contract, entity, currency and date on one invoice', () => {
    const lines = [
      line({ netAmount: '100.00', product: 'Platform' }),
      line({ netAmount: '250.50', product: 'Support' }),
      line({ netAmount: '100.00', periodStart: '2026-02-01', periodEnd: '2026-02-28' }),
    ];
    const result = buildDocuments(lines, inputs());
    expect(result.documents.map((doc) => doc.number)).toEqual(['INV-C-100-20260101', 'INV-C-100-20260201']);
    const jan = result.documents[0];
    expect(jan.document).toBe('Invoice');
    expect(jan.lines).toBe(2);
    expect(money(jan.subtotal)).toBe('350.50');
    expect(money(jan.total)).toBe('350.50');
    expect(iso(jan.invoiceDate)).toBe('2026-01-01');
    expect(iso(jan.dueDate)).toBe('2026-01-31');
    expect(jan.appliesTo).toBe('');
    expect(jan.customer).toBe('Acme Corp');
    expect(result.lines.map((l) => l.documentNumber)).toEqual(['INV-C-100-20260101', 'INV-C-100-20260101', 'INV-C-100-20260201']);
  });

  it('numbers several documents of one contract on one day -2, -3 in (Entity, Currency) order', () => {
    const lines = [
      line({ billingEntity: 'EU Ltd', currency: 'EUR' }),
      line({ billingEntity: 'Default', currency: 'USD' }),
      line({ billingEntity: 'Default', currency: 'EUR' }),
    ];
    const result = buildDocuments(lines, inputs());
    const numbers = result.documents.map((doc) => `${doc.number} ${doc.billingEntity} ${doc.currency}`);
    expect(numbers).toEqual([
      'INV-C-100-20260101 Default EUR',
      'INV-C-100-20260101-2 Default USD',
      'INV-C-100-20260101-3 EU Ltd EUR',
    ]);
    expect(result.lines.map((l) => l.documentNumber)).toEqual([
      'INV-C-100-20260101-3', 'INV-C-100-20260101-2', 'INV-C-100-20260101',
    ]);
  });

  it('never renumbers: input order and other days do not change a number', () => {
    const base = [
      line({ lineId: 'a', billingEntity: 'EU Ltd', currency: 'EUR' }),
      line({ lineId: 'b', billingEntity: 'Default', currency: 'USD' }),
    ];
    const first = buildDocuments(base, inputs()).documents.map((doc) => doc.number);
    const more = [
      line({ lineId: 'c', periodStart: '2026-02-01', periodEnd: '2026-02-28', billingEntity: 'AA Corp', currency: 'AUD' }),
      ...[...base].reverse(),
    ];
    const second = buildDocuments(more, inputs()).documents.map((doc) => doc.number);
    expect(first).toEqual(['INV-C-100-20260101', 'INV-C-100-20260101-2']);
    expect(second).toEqual(['INV-C-100-20260101', 'INV-C-100-20260101-2', 'INV-C-100-20260201']);
  });

  it('keeps contracts apart and sorts documents by date, contract, then invoice before credit memo', () => {
    const lines = [
      line({ contractId: 'C-200', invoiceDate: '2026-01-01' }),
      line({ lineId: 'x', contractId: 'C-100', invoiceDate: '2026-01-05', periodStart: '2026-01-05' }),
      line({ contractId: 'C-100', lineType: 'Credit', netAmount: '-10.00', invoiceDate: '2026-01-05', periodStart: '2026-01-05', creditOf: 'x' }),
      line({ contractId: 'C-100', invoiceDate: '2026-01-01' }),
    ];
    const docs = buildDocuments(lines, inputs()).documents;
    expect(docs.map((doc) => doc.number)).toEqual([
      'INV-C-100-20260101', 'INV-C-200-20260101', 'INV-C-100-20260105', 'CM-C-100-20260105',
    ]);
  });

  it('returns new line objects and leaves the schedule untouched', () => {
    const original = line({ taxJurisdiction: 'US-CA', netAmount: '100.00' });
    const result = buildDocuments([original], inputs({ taxRates: [taxRate('US-CA', '7.25')] }));
    expect(result.lines[0]).not.toBe(original);
    expect(original).not.toHaveProperty('tax');
    expect(original).not.toHaveProperty('documentNumber');
    expect(money(result.lines[0].tax)).toBe('7.25');
    expect(money(result.lines[0].total)).toBe('107.25');
  });

  it('carries PO Number, Billing Contact, Billing Email and Bill-To Address from the contract', () => {
    const contracts = [
      contractLine(2, { poNumber: null, billingContact: 'Dana Li' }),
      contractLine(3, { poNumber: 'PO-7781', billingEmail: 'ap@acme.example', billToAddress: '1 Main St, Springfield' }),
    ];
    const lines = [line({ contractLineIndex: 1 }), line({ contractLineIndex: 0 })];
    const [doc] = buildDocuments(lines, inputs({ contracts })).documents;
    expect(doc.poNumber).toBe('PO-7781');
    expect(doc.billingContact).toBe('Dana Li');
    expect(doc.billingEmail).toBe('ap@acme.example');
    expect(doc.billToAddress).toBe('1 Main St, Springfield');
  });
});

describe('credit memos', () => {
  const charge = line({
    lineId: 'q1', netAmount: '300.00', periodStart: '2026-01-01', periodEnd: '2026-03-31', taxJurisdiction: 'US-CA',
  });
  const credit = line({
    lineId: 'q1-credit', lineType: 'Credit', netAmount: '-150.00', periodStart: '2026-02-15', periodEnd: '2026-03-31',
    invoiceDate: '2026-02-15', creditOf: 'q1', taxJurisdiction: 'US-CA',
  });
  const prorated = line({
    lineId: 'q1-new', lineType: 'Prorated', netAmount: '200.00', periodStart: '2026-02-15', periodEnd: '2026-03-31',
    invoiceDate: '2026-02-15', taxJurisdiction: 'US-CA',
  });

  it('groups credit lines into a CM- document that applies to the invoice that billed the period', () => {
    const result = buildDocuments([charge, credit, prorated], inputs({ taxRates: [taxRate('US-CA', '7.25')] }));
    expect(result.documents.map((doc) => [doc.document, doc.number, doc.appliesTo])).toEqual([
      ['Invoice', 'INV-C-100-20260101', ''],
      ['Invoice', 'INV-C-100-20260215', ''],
      ['Credit Memo', 'CM-C-100-20260215', 'INV-C-100-20260101'],
    ]);
    const memo = byNumber(result.documents, 'CM-C-100-20260215');
    expect(money(memo.subtotal)).toBe('-150.00');
    expect(money(memo.tax)).toBe('-10.88'); // -round(150.00 x 7.25% = 10.875)
    expect(money(memo.total)).toBe('-160.88');
    expect(memo.lines).toBe(1);
    expect(iso(memo.dueDate)).toBe('2026-03-17');
    expect(money(byNumber(result.documents, 'INV-C-100-20260101').tax)).toBe('21.75');
  });

  it('lists every invoice a credit memo applies to, in order', () => {
    const feb = line({ lineId: 'feb', netAmount: '100.00', periodStart: '2026-02-01', periodEnd: '2026-02-28' });
    const mar = line({ lineId: 'mar', netAmount: '100.00', periodStart: '2026-03-01', periodEnd: '2026-03-31' });
    const credits = [
      line({ lineType: 'Credit', netAmount: '-100.00', periodStart: '2026-03-01', periodEnd: '2026-03-31', invoiceDate: '2026-03-10', creditOf: 'mar' }),
      line({ lineType: 'Credit', netAmount: '-50.00', periodStart: '2026-02-20', periodEnd: '2026-02-28', invoiceDate: '2026-03-10', creditOf: 'feb' }),
    ];
    // a change effective Feb 20 booked on Mar 10 credits two already-billed periods
    const memo = byNumber(buildDocuments([mar, feb, ...credits], inputs()).documents, 'CM-C-100-20260310');
    expect(memo.appliesTo).toBe('INV-C-100-20260201, INV-C-100-20260301');
    expect(money(memo.subtotal)).toBe('-150.00');
  });

  it('caps a credit line\'s tax at the tax allocated to the credited line', () => {
    // 3 x 10.05 at 10%: document tax round(3.015) = 3.02, allocated 1.01 / 1.01 / 1.00
    const charges = ['a', 'b', 'c'].map((id) => line({ lineId: id, netAmount: '10.05', taxJurisdiction: 'GB' }));
    const creditOfC = line({
      lineType: 'Credit', netAmount: '-10.05', invoiceDate: '2026-01-10', periodStart: '2026-01-10', creditOf: 'c', taxJurisdiction: 'GB',
    });
    const result = buildDocuments([...charges, creditOfC], inputs({ taxRates: [taxRate('GB', '10')] }));
    expect(taxes(result.lines)).toEqual(['1.01', '1.01', '1.00', '-1.00']); // not -round(1.005) = -1.01
    expect(money(byNumber(result.documents, 'CM-C-100-20260110').total)).toBe('-11.05');
  });

  it('caps all credits of one charge together, the later credit taking the cap', () => {
    const charge1 = line({ lineId: 'm', netAmount: '100.00', taxJurisdiction: 'GB' });
    const first = line({ lineType: 'Credit', netAmount: '-60.00', invoiceDate: '2026-01-10', creditOf: 'm', taxJurisdiction: 'GB' });
    const second = line({ lineType: 'Credit', netAmount: '-45.00', invoiceDate: '2026-01-20', creditOf: 'm', taxJurisdiction: 'GB' });
    const result = buildDocuments([charge1, second, first], inputs({ taxRates: [taxRate('GB', '10')] }));
    expect(taxes(result.lines)).toEqual(['10.00', '-4.00', '-6.00']);
  });

  it('uses the credited line\'s rate, not the rate in force on the credit date', () => {
    const rates = [taxRate('US-CA', '7.25'), taxRate('US-CA', '8.00', '2026-02-01', 3)];
    const result = buildDocuments([charge, credit], inputs({ taxRates: rates }));
    expect(taxes(result.lines)).toEqual(['21.75', '-10.88']);
  });

  it('taxes a credit the schedule did not tie to a charge on its own jurisdiction and date, with no Applies To', () => {
    const loose = line({ lineType: 'Credit', netAmount: '-40.00', invoiceDate: '2026-03-01', periodStart: '2026-03-01', taxJurisdiction: 'GB' });
    const result = buildDocuments([loose], inputs({ taxRates: [taxRate('GB', '20')] }));
    expect(taxes(result.lines)).toEqual(['-8.00']);
    expect(result.documents.map((doc) => [doc.number, doc.appliesTo, money(doc.total)])).toEqual([['CM-C-100-20260301', '', '-48.00']]);
  });

  it('gives an untaxed charge\'s credit no tax, and flags a credit of a flagged charge', () => {
    const exemptCharge = line({ lineId: 'e', taxExempt: true, taxJurisdiction: 'US-CA' });
    const unknownCharge = line({ lineId: 'u', contractId: 'C-300', taxJurisdiction: 'XX' });
    const credits = [
      line({ lineType: 'Credit', netAmount: '-50.00', invoiceDate: '2026-01-16', creditOf: 'e', taxJurisdiction: 'US-CA' }),
      line({ lineType: 'Credit', contractId: 'C-300', netAmount: '-50.00', invoiceDate: '2026-01-16', creditOf: 'u', taxJurisdiction: 'XX' }),
    ];
    const result = buildDocuments([exemptCharge, unknownCharge, ...credits], inputs({ taxRates: [taxRate('US-CA', '7.25')] }));
    expect(taxes(result.lines)).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(byNumber(result.documents, 'CM-C-100-20260116').taxFlagged).toBe(false);
    expect(byNumber(result.documents, 'CM-C-300-20260116').taxFlagged).toBe(true);
    expect(result.issues.filter((i) => i.severity === 'Error')).toHaveLength(1);
  });
});

describe('tax', () => {
  it('allocates a document\'s tax to its lines by largest remainder (3 x 33.33 at 8.25%)', () => {
    const lines = [1, 2, 3].map(() => line({ netAmount: '33.33', taxJurisdiction: 'US-TX' }));
    const result = buildDocuments(lines, inputs({ taxRates: [taxRate('US-TX', '8.25')] }));
    expect(money(result.documents[0].tax)).toBe('8.25'); // round(99.99 x 8.25% = 8.249175)
    expect(taxes(result.lines)).toEqual(['2.75', '2.75', '2.75']);
    expect(money(result.documents[0].total)).toBe('108.24');
  });

  it('gives the leftover cents to the largest remainders, ties to the earlier line (3 x 33.33 at 7%)', () => {
    const lines = [1, 2, 3].map(() => line({ netAmount: '33.33', taxJurisdiction: 'US-TX' }));
    const result = buildDocuments(lines, inputs({ taxRates: [taxRate('US-TX', '7')] }));
    expect(money(result.documents[0].tax)).toBe('7.00'); // round(6.9993)
    expect(taxes(result.lines)).toEqual(['2.34', '2.33', '2.33']);
  });

  it('allocates unequal lines pro rata to Net (10.00, 20.00, 30.01 at 7.25%)', () => {
    const lines = ['10.00', '20.00', '30.01'].map((net) => line({ netAmount: net, taxJurisdiction: 'US-CA' }));
    const result = buildDocuments(lines, inputs({ taxRates: [taxRate('US-CA', '7.25')] }));
    // 60.01 x 7.25% = 4.350725 -> 4.35; shares 0.724879, 1.449758, 2.175362 -> 0.72, 1.45, 2.18
    expect(money(result.documents[0].tax)).toBe('4.35');
    expect(taxes(result.lines)).toEqual(['0.72', '1.45', '2.18']);
    expect(result.lines.map((l) => money(l.total))).toEqual(['10.72', '21.45', '32.19']);
  });

  it('taxes each jurisdiction of a document on its own', () => {
    const lines = [
      line({ netAmount: '10.01', taxJurisdiction: 'US-CA' }),
      line({ netAmount: '10.01', taxJurisdiction: 'us-ny ' }),
      line({ netAmount: '10.01', taxJurisdiction: 'US-CA' }),
    ];
    const result = buildDocuments(lines, inputs({ taxRates: [taxRate('US-CA', '7.25'), taxRate('US-NY', '4')] }));
    // US-CA: round(20.02 x 7.25% = 1.45145) = 1.45 -> 0.73 + 0.72; US-NY: round(0.4004) = 0.40
    expect(taxes(result.lines)).toEqual(['0.73', '0.40', '0.72']);
    expect(money(result.documents[0].tax)).toBe('1.85');
  });

  it('applies the rate in force on the invoice date (Effective From)', () => {
    const rates = [taxRate('US-CA', '7.25', null, 2), taxRate('US-CA', '8', '2026-07-01', 3)];
    const lines = [
      line({ netAmount: '100.00', periodStart: '2026-06-30', taxJurisdiction: 'US-CA' }),
      line({ netAmount: '100.00', periodStart: '2026-07-01', taxJurisdiction: 'US-CA' }),
    ];
    const result = buildDocuments(lines, inputs({ taxRates: rates }));
    expect(taxes(result.lines)).toEqual(['7.25', '8.00']);
    expect(result.issues).toEqual([]);
  });

  it('bills exempt lines and lines with a blank jurisdiction untaxed, without an Issue', () => {
    const lines = [
      line({ netAmount: '100.00', taxJurisdiction: 'US-CA', taxExempt: true }),
      line({ netAmount: '100.00', taxJurisdiction: null }),
      line({ netAmount: '100.00', taxJurisdiction: '  ' }),
      line({ netAmount: '100.00', taxJurisdiction: 'US-CA' }),
    ];
    const result = buildDocuments(lines, inputs({ taxRates: [taxRate('US-CA', '7.25')] }));
    expect(taxes(result.lines)).toEqual(['0.00', '0.00', '0.00', '7.25']);
    expect(result.documents[0].taxFlagged).toBe(false);
    expect(result.issues).toEqual([]);
  });

  it('reports an unknown jurisdiction once per contract line at its Tax Jurisdiction cell, bills untaxed and flags', () => {
    const lines = [
      line({ netAmount: '100.00', taxJurisdiction: 'ZZ-9' }),
      line({ netAmount: '100.00', taxJurisdiction: 'US-CA', contractLineIndex: 1 }),
      line({ netAmount: '100.00', taxJurisdiction: 'ZZ-9', periodStart: '2026-02-01' }),
    ];
    const contracts = [contractLine(2, { taxJurisdiction: 'ZZ-9' }), contractLine(3, { taxJurisdiction: 'US-CA' })];
    const result = buildDocuments(lines, inputs({ contracts, taxRates: [taxRate('US-CA', '7.25')] }));
    expect(taxes(result.lines)).toEqual(['0.00', '7.25', '0.00']);
    expect(result.documents.map((doc) => [doc.number, doc.taxFlagged, money(doc.tax)])).toEqual([
      ['INV-C-100-20260101', true, '7.25'],
      ['INV-C-100-20260201', true, '0.00'],
    ]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!U2', column: 'Tax Jurisdiction', value: 'ZZ-9',
    });
    expect(result.issues[0].problem).toContain('not on the Tax Rates sheet');
  });

  it('treats two rows of one jurisdiction in force together as a duplicate: Error, untaxed, flagged', () => {
    const rates = [taxRate('DE', '19', null, 2), taxRate('de', '16', null, 3)];
    const result = buildDocuments([line({ taxJurisdiction: 'DE' })], inputs({ taxRates: rates }));
    expect(taxes(result.lines)).toEqual(['0.00']);
    expect(result.documents[0].taxFlagged).toBe(true);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!U2' });
    expect(result.issues[0].problem).toContain('more than one Tax Rates row');
  });

  it('reports a jurisdiction whose only rate starts later as not in force', () => {
    const result = buildDocuments([line({ taxJurisdiction: 'GB' })], inputs({ taxRates: [taxRate('GB', '20', '2026-06-01')] }));
    expect(taxes(result.lines)).toEqual(['0.00']);
    expect(result.issues[0].problem).toContain('in force on 2026-01-01');
    expect(result.documents[0].taxFlagged).toBe(true);
  });

  it('rounds tax Half Up or Half Even by the Rounding setting', () => {
    const lines = [line({ netAmount: '10.50', taxJurisdiction: 'GB' })];
    const rates = [taxRate('GB', '5')]; // 0.525
    const up = buildDocuments(lines, inputs({ taxRates: rates }));
    const even = buildDocuments(lines, inputs({ taxRates: rates, settings: settings({ rounding: 'Half Even' }) }));
    expect(money(up.documents[0].tax)).toBe('0.53');
    expect(money(even.documents[0].tax)).toBe('0.52');
    expect(money(even.documents[0].total)).toBe('11.02');
  });

  it('uses the currency\'s minor units: JPY 0 decimals, KWD 3', () => {
    const yen = ['1000', '1001', '1002'].map((net) => line({ contractId: 'J-1', netAmount: net, currency: 'JPY', taxJurisdiction: 'JP' }));
    const dinar = ['10.005', '10.005', '10.005'].map((net) => line({ contractId: 'K-1', netAmount: net, currency: 'KWD', taxJurisdiction: 'KW' }));
    const result = buildDocuments([...yen, ...dinar], inputs({ taxRates: [taxRate('JP', '10'), taxRate('KW', '5')] }));
    // JPY: round(300.3) = 300 -> 99.9, 100.0, 100.1 -> 100, 100, 100
    expect(result.lines.slice(0, 3).map((l) => l.tax.toString())).toEqual(['100', '100', '100']);
    expect(byNumber(result.documents, 'INV-J-1-20260101').tax.toString()).toBe('300');
    // KWD: round(30.015 x 5% = 1.50075) = 1.501 -> 0.501, 0.500, 0.500
    expect(result.lines.slice(3).map((l) => money(l.tax, 3))).toEqual(['0.501', '0.500', '0.500']);
    expect(money(byNumber(result.documents, 'INV-K-1-20260101').total, 3)).toBe('31.516');
  });
});

describe('reporting amount', () => {
  const rates = [fxRate('EUR', '1.10', '2026-01-01', 2), fxRate('EUR', '1.0857', '2026-02-01', 3)];

  it('converts each line before tax at the latest rate on or before its own invoice date', () => {
    const lines = [
      line({ currency: 'EUR', netAmount: '100.00', periodStart: '2026-01-31', taxJurisdiction: 'DE' }),
      line({ currency: 'EUR', netAmount: '100.00', periodStart: '2026-02-01' }),
      line({ currency: 'EUR', netAmount: '33.33', periodStart: '2026-03-01' }),
      line({ currency: 'USD', netAmount: '12.34', contractId: 'U-1' }),
    ];
    const result = buildDocuments(lines, inputs({ fxRates: rates, taxRates: [taxRate('DE', '19')] }));
    expect(result.lines.map((l) => money(l.reportingAmount))).toEqual(['110.00', '108.57', '36.19', '12.34']);
    expect(result.issues).toEqual([]);
  });

  it('leaves the amount null (never 0) with one Warning per currency and invoice date when no rate applies', () => {
    const lines = [
      line({ currency: 'EUR', periodStart: '2025-12-01' }),
      line({ currency: 'EUR', periodStart: '2025-12-01', product: 'Support' }),
      line({ currency: 'EUR', periodStart: '2025-12-15' }),
      line({ currency: 'GBP', periodStart: '2026-01-01', contractId: 'G-1' }),
    ];
    const result = buildDocuments(lines, inputs({ fxRates: rates }));
    expect(result.lines.map((l) => l.reportingAmount)).toEqual([null, null, null, null]);
    expect(result.documents.map((doc) => money(doc.subtotal))).toEqual(['200.00', '100.00', '100.00']);
    expect(result.issues.map((i) => [i.severity, i.sheet, i.value, i.problem.split(' Billing')[0]])).toEqual([
      ['Warning', 'FX Rates', 'EUR', 'No FX rate for EUR with As Of on or before 2025-12-01; 2'],
      ['Warning', 'FX Rates', 'EUR', 'No FX rate for EUR with As Of on or before 2025-12-15; 1'],
      ['Warning', 'FX Rates', 'GBP', 'No FX rate for GBP with As Of on or before 2026-01-01; 1'],
    ]);
  });

  it('rounds into the reporting currency\'s minor units (JPY and KWD to USD, USD to JPY)', () => {
    const fx = [fxRate('JPY', '0.0067', '2026-01-01'), fxRate('KWD', '3.2567', '2026-01-01'), fxRate('USD', '151.2345', '2026-01-01')];
    const lines = [
      line({ currency: 'JPY', netAmount: '12345' }),
      line({ currency: 'KWD', netAmount: '10.005', contractId: 'K-1' }),
    ];
    const usd = buildDocuments(lines, inputs({ fxRates: fx }));
    expect(usd.lines.map((l) => money(l.reportingAmount))).toEqual(['82.71', '32.58']); // 82.7115, 32.5832835
    const toYen = buildDocuments([line({ currency: 'USD', netAmount: '10.00' })], inputs({ fxRates: fx, settings: settings({ reportingCurrency: 'JPY' }) }));
    expect(toYen.lines[0].reportingAmount?.toString()).toBe('1512'); // 1512.345
  });

  it('rounds the conversion Half Even when set', () => {
    const fx = [fxRate('EUR', '1.25', '2026-01-01')];
    const lines = [line({ currency: 'EUR', netAmount: '10.02' })]; // 12.525
    expect(money(buildDocuments(lines, inputs({ fxRates: fx })).lines[0].reportingAmount)).toBe('12.53');
    expect(money(buildDocuments(lines, inputs({ fxRates: fx, settings: settings({ rounding: 'Half Even' }) })).lines[0].reportingAmount)).toBe('12.52');
  });
});

describe('bill run', () => {
  it('buckets documents Past, This Month, Future by the As Of Date\'s month', () => {
    const dates = ['2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2025-03-15'];
    const lines = dates.map((date) => line({ periodStart: date }));
    const result = buildDocuments(lines, inputs({ settings: settings({ asOfDate: d('2026-03-15') }) }));
    expect(result.documents.map((doc) => [iso(doc.invoiceDate), doc.billRun])).toEqual([
      ['2025-03-15', 'Past'],
      ['2026-02-28', 'Past'],
      ['2026-03-01', 'This Month'],
      ['2026-03-31', 'This Month'],
      ['2026-04-01', 'Future'],
    ]);
  });
});

describe('determinism', () => {
  it('gives the same documents and lines for the same input in any order', () => {
    const lines = [
      line({ lineId: 'a', contractId: 'B-2', taxJurisdiction: 'US-CA', netAmount: '33.33' }),
      line({ lineId: 'b', contractId: 'A-1', taxJurisdiction: 'US-CA', netAmount: '10.00' }),
      line({ lineId: 'c', contractId: 'A-1', lineType: 'Credit', netAmount: '-5.00', invoiceDate: '2026-01-09', creditOf: 'b', taxJurisdiction: 'US-CA' }),
    ];
    const input = inputs({ taxRates: [taxRate('US-CA', '7.25')] });
    const forward = buildDocuments(lines, input);
    const backward = buildDocuments([...lines].reverse(), input);
    const show = (r: typeof forward) => JSON.stringify([r.documents, [...r.lines].sort((x, y) => (x.lineId < y.lineId ? -1 : 1))]);
    expect(show(backward)).toBe(show(forward));
  });
});

describe('whose lines documents fill in', () => {
  const taxed = () => inputs({
    contracts: [contractLine(2, { taxJurisdiction: 'US-CA' })],
    taxRates: [taxRate('US-CA', '8.25')],
  });

  it('copies lines it was handed, leaving the caller\'s as they were', () => {
    const lines = [line({ netAmount: '100.00', taxJurisdiction: 'US-CA' })];
    const result = buildDocuments(lines, taxed());
    expect(result.lines[0]).not.toBe(lines[0]);
    expect(money(result.lines[0].tax)).toBe('8.25');
    expect(result.lines[0].documentNumber).toBe('INV-C-100-20260101');
    expect(lines[0]).not.toHaveProperty('tax');
    expect(lines[0]).not.toHaveProperty('documentNumber');
  });

  it('fills in the lines themselves when they are the caller\'s own fresh schedule (linesAreOurs)', () => {
    const lines = [line({ netAmount: '100.00', taxJurisdiction: 'US-CA' })];
    const result = buildDocuments(lines, taxed(), { linesAreOurs: true });
    const filled = result.lines[0];
    expect(filled).toBe(lines[0]);
    expect(money(filled.tax)).toBe('8.25');
    expect(money(filled.total)).toBe('108.25');
    expect(filled.documentNumber).toBe('INV-C-100-20260101');
    // the four fields are added in one order on every line, so all lines keep one shape
    expect(Object.keys(filled).slice(-4)).toEqual(['tax', 'total', 'documentNumber', 'reportingAmount']);
  });
});
