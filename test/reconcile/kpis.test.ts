import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import type { MonthlyKpis } from '../../src/reconcile/model';
import { contract, d, dec, expected, fx, input, invoice, payment } from './builders';

function kpi(kpis: MonthlyKpis[], month: string): MonthlyKpis {
  const found = kpis.find((k) => k.month === d(month));
  if (!found) throw new Error(`no KPI row ${month}`);
  return found;
}

describe('billing lag (hours from 00:00 in Setting Time Zone of the later of invoice date and Close Date)', () => {
  const lagOf = (timeZone: string, createdAt: string, closeDate: string | null = null, invoiceDate = '2026-03-10') => {
    const result = reconcileMonth(input({
      settings: { timeZone },
      contracts: [contract('C1', '2026-01-01', '2026-12-31', { closeDate: closeDate === null ? null : d(closeDate) })],
      expected: [expected('C1', invoiceDate, '1000.00')],
      invoices: [invoice('I-1', 'C1', invoiceDate, '1000.00', { createdAt: Date.parse(createdAt) })],
    }));
    return kpi(result.kpis, '2026-03-01');
  };

  it('measures from local midnight in a non-UTC zone, across daylight saving', () => {
    // 2026-03-10 00:00 in New York (EDT, UTC-4) is 04:00Z
    expect(lagOf('America/New_York', '2026-03-11T04:00:00Z').medianBillingLagHours?.toFixed(2)).toBe('24.00');
    expect(lagOf('UTC', '2026-03-11T04:00:00Z').medianBillingLagHours?.toFixed(2)).toBe('28.00');
    // 2026-03-02 00:00 in New York (EST, UTC-5) is 05:00Z
    expect(lagOf('America/New_York', '2026-03-02T06:30:00Z', null, '2026-03-02').medianBillingLagHours?.toFixed(2)).toBe('1.50');
    expect(lagOf('+05:30', '2026-03-10T00:00:00Z').medianBillingLagHours?.toFixed(2)).toBe('5.50');
  });

  it('takes a later Close Date as the trigger and counts a negative lag as 0', () => {
    expect(lagOf('UTC', '2026-03-12T06:00:00Z', '2026-03-12').medianBillingLagHours?.toFixed(2)).toBe('6.00');
    expect(lagOf('UTC', '2026-03-11T06:00:00Z', '2026-03-12').medianBillingLagHours?.toFixed(2)).toBe('0.00');
    expect(lagOf('UTC', '2026-03-11T06:00:00Z', '2026-02-01').medianBillingLagHours?.toFixed(2)).toBe('30.00');
  });

  it('flags any invoice over 48 h; exactly 48 h is not over; median >= 24 h is off target', () => {
    const at48 = lagOf('UTC', '2026-03-12T00:00:00Z');
    expect([at48.invoicesOver48h, at48.billingLagStatus]).toEqual([0, 'Off Target']);
    const over48 = lagOf('UTC', '2026-03-12T00:01:00Z');
    expect([over48.invoicesOver48h, over48.billingLagStatus, over48.medianBillingLagHours?.toFixed(2)]).toEqual([1, 'Red Flag', '48.02']);
    const under24 = lagOf('UTC', '2026-03-10T23:59:00Z');
    expect([under24.invoicesOver48h, under24.billingLagStatus]).toEqual([0, 'OK']);
    const at24 = lagOf('UTC', '2026-03-11T00:00:00Z');
    expect(at24.billingLagStatus).toBe('Off Target');
  });

  it('takes the median of the month and No Data without Created At', () => {
    const contracts = ['A', 'B', 'C', 'D'].map((id) => contract(id, '2026-01-01', '2026-12-31'));
    const created = ['2026-03-10T10:00:00Z', '2026-03-10T20:00:00Z', '2026-03-11T06:00:00Z', null];
    const result = reconcileMonth(input({
      contracts,
      expected: contracts.map((c) => expected(c.contractId, '2026-03-10', '100.00')),
      invoices: contracts.map((c, i) => invoice(`I-${c.contractId}`, c.contractId, '2026-03-10', '100.00', { createdAt: created[i] === null ? null : Date.parse(created[i]!) })),
    }));
    expect(kpi(result.kpis, '2026-03-01').medianBillingLagHours?.toFixed(2)).toBe('20.00');
    const none = reconcileMonth(input({ contracts, expected: [expected('A', '2026-03-10', '100.00')], invoices: [invoice('I-A', 'A', '2026-03-10', '100.00')] }));
    expect([kpi(none.kpis, '2026-03-01').medianBillingLagHours, kpi(none.kpis, '2026-03-01').invoicesOver48h, kpi(none.kpis, '2026-03-01').billingLagStatus]).toEqual([null, null, 'No Data']);
  });
});

describe('DSO, open receivables and invoiced amount', () => {
  it('AR(M) / Invoiced(M) x days in M, payments counted to the month end, credit memos negative in Invoiced and 0 in AR', () => {
    const result = reconcileMonth(input({
      invoices: [
        invoice('I-1', 'C1', '2026-03-01', '1000.00'),
        invoice('CM-1', 'C1', '2026-03-15', '-200.00'),
        invoice('I-2', 'C2', '2026-03-20', '500.00'),
        invoice('I-V', 'C2', '2026-03-21', '700.00', { status: 'Void' }),
      ],
      payments: [payment('I-1', '2026-03-20', 'Succeeded', '400.00'), payment('I-2', '2026-04-02', 'Succeeded', '500.00'), payment('I-2', '2026-03-25', 'Failed', '500.00')],
    }));
    const march = kpi(result.kpis, '2026-03-01');
    expect(march.openReceivables.toFixed(2)).toBe('1100.00'); // 600 + 0 + 500
    expect(march.invoicedAmount.toFixed(2)).toBe('1300.00');
    expect(march.dso?.toFixed(2)).toBe('26.23'); // 1100 / 1300 x 31 = 26.2307...
    const april = kpi(result.kpis, '2026-04-01');
    expect(april.invoices).toBe(0);
    expect(april.openReceivables.toFixed(2)).toBe('600.00');
    expect(april.dso).toBeNull();
    expect(april.dsoStatus).toBe('No Data');
  });

  it('converts to the reporting currency at each invoice date rate', () => {
    const result = reconcileMonth(input({
      fxRates: [fx('EUR', '1.10', '2026-01-01'), fx('EUR', '1.20', '2026-03-10')],
      invoices: [invoice('E-1', 'C1', '2026-03-05', '1000.00', { currency: 'EUR' }), invoice('E-2', 'C1', '2026-03-12', '1000.00', { currency: 'EUR' }), invoice('U-1', 'C2', '2026-03-12', '0.01')],
    }));
    expect(kpi(result.kpis, '2026-03-01').invoicedAmount.toFixed(2)).toBe('2300.01');
  });

  it('leaves out an invoice with no FX rate and says so on Issues', () => {
    const result = reconcileMonth(input({ invoices: [invoice('G-1', 'C1', '2026-03-05', '1000.00', { currency: 'GBP' }), invoice('U-1', 'C2', '2026-03-12', '10.00')] }));
    expect(kpi(result.kpis, '2026-03-01').invoicedAmount.toFixed(2)).toBe('10.00');
    expect(result.issues.map((i) => [i.severity, i.problem])).toEqual([
      ['Warning', 'No FX rate for GBP on or before 2026-03-05: invoice G-1 is left out of open receivables and invoiced amounts'],
    ]);
  });

  it('No Data when Invoiced(M) <= 0', () => {
    const result = reconcileMonth(input({ invoices: [invoice('CM-1', 'C1', '2026-03-15', '-200.00')] }));
    expect(kpi(result.kpis, '2026-03-01').dso).toBeNull();
  });

  it('flags DSO rising three months running (M > M-1 > M-2 > M-3)', () => {
    const invoices = ['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'].map((date, i) => invoice(`I-${i}`, 'C1', date, '1000.00'));
    const payments = [payment('I-0', '2025-12-10', 'Succeeded', '900.00'), payment('I-1', '2026-01-10', 'Succeeded', '800.00')];
    const result = reconcileMonth(input({ invoices, payments }));
    expect(result.kpis.map((k) => [k.dso?.toFixed(2), k.dsoStatus])).toEqual([
      ['3.10', 'OK'], // 100 / 1000 x 31
      ['9.30', 'Off Target'], // 300 / 1000 x 31
      ['36.40', 'Off Target'], // 1300 / 1000 x 28
      ['71.30', 'Red Flag'], // 2300 / 1000 x 31
    ]);
    const paidInFebruary = reconcileMonth(input({ invoices, payments: [...payments, payment('I-2', '2026-02-10', 'Succeeded', '1000.00')] }));
    expect(paidInFebruary.kpis.map((k) => [k.dso?.toFixed(2), k.dsoStatus])).toEqual([
      ['3.10', 'OK'],
      ['9.30', 'Off Target'],
      ['8.40', 'OK'], // 300 / 1000 x 28: lower than January
      ['40.30', 'Off Target'], // 1300 / 1000 x 31
    ]);
  });
});

describe('KPIs per month with data', () => {
  it('Manual intervention rate: < 10% target, > 25% red flag', () => {
    const run = (n: number, manual: number) => {
      const result = reconcileMonth(input({ invoices: Array.from({ length: n }, (_, i) => invoice(`I-${i}`, null, '2026-03-05', '10.00', { manualAdjustment: i < manual })) }));
      const k = kpi(result.kpis, '2026-03-01');
      return [k.manualInterventionRate?.toFixed(4), k.manualInterventionStatus];
    };
    expect(run(11, 1)).toEqual(['0.0909', 'OK']);
    expect(run(10, 1)).toEqual(['0.1000', 'Off Target']);
    expect(run(4, 1)).toEqual(['0.2500', 'Off Target']);
    expect(run(3, 1)).toEqual(['0.3333', 'Red Flag']);
  });

  it('Failed payment rate: < 5% target, > 10% red flag, from Settings', () => {
    const run = (n: number, failed: number, redFlag = '0.10') => {
      const payments = Array.from({ length: n }, (_, i) => payment(`P-${i}`, '2026-03-05', i < failed ? 'Failed' : 'Succeeded', '10.00'));
      const k = kpi(reconcileMonth(input({ settings: { failedPaymentRateRedFlag: dec(redFlag) }, invoices: [invoice('X', null, '2026-03-05', '1.00')], payments })).kpis, '2026-03-01');
      return [k.failedPaymentRate?.toFixed(4), k.failedPaymentStatus];
    };
    expect(run(21, 1)).toEqual(['0.0476', 'OK']);
    expect(run(20, 1)).toEqual(['0.0500', 'Off Target']);
    expect(run(10, 1)).toEqual(['0.1000', 'Off Target']);
    expect(run(9, 1)).toEqual(['0.1111', 'Red Flag']);
    expect(run(9, 1, '0.12')).toEqual(['0.1111', 'Off Target']);
  });

  it('Dunning recovery rate by month of the first failure', () => {
    const result = reconcileMonth(input({
      invoices: [invoice('A', null, '2026-03-01', '100.00'), invoice('B', null, '2026-03-01', '100.00')],
      payments: [
        payment('A', '2026-03-05', 'Failed', '100.00'),
        payment('A', '2026-04-08', 'Succeeded', '100.00'),
        payment('B', '2026-03-06', 'Failed', '100.00'),
        payment('C', '2026-03-06', 'Succeeded', '100.00'),
      ],
    }));
    expect(kpi(result.kpis, '2026-03-01').dunningRecoveryRate?.toFixed(2)).toBe('0.50');
    expect(kpi(result.kpis, '2026-04-01').dunningRecoveryRate).toBeNull();
  });

  it('a month with payments but no invoices shows No Data, never 0% or 100%', () => {
    const result = reconcileMonth(input({
      invoices: [invoice('I-1', null, '2026-03-05', '100.00')],
      payments: [payment('I-0', '2026-02-20', 'Succeeded', '100.00')],
    }));
    expect(result.kpis.map((k) => k.month)).toEqual([d('2026-02-01'), d('2026-03-01')]);
    const feb = kpi(result.kpis, '2026-02-01');
    expect([feb.invoices, feb.invoiceAccuracyRate, feb.manualInterventionRate, feb.dso, feb.medianBillingLagHours]).toEqual([0, null, null, null, null]);
    expect([feb.invoiceAccuracyStatus, feb.manualInterventionStatus, feb.dsoStatus, feb.billingLagStatus]).toEqual(['No Data', 'No Data', 'No Data', 'No Data']);
    expect([feb.failedPaymentRate, feb.dunningRecoveryRate, feb.failedPaymentStatus]).toEqual([null, null, 'No Data']);
    expect(feb.openReceivables.toFixed(2)).toBe('0.00');
    // March's one invoice is unexpected (no contract): accuracy 0%, a real figure
    expect(kpi(result.kpis, '2026-03-01').invoiceAccuracyRate?.toFixed(2)).toBe('0.00');
  });
});
