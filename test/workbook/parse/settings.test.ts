import { parseBillingInputs, parseSettings, ParseContext } from '../../../src/workbook/parseInputs';
import { SETTINGS_DEFAULTS } from '../../../src/workbook/inputSheets';
import type { Settings } from '../../../src/core/model';
import type { RawCell } from '../../../src/workbook/grid';
import { day, gridOf, iso } from '../inputGrid';

const ctx: ParseContext = { job: 'Reconcile', today: day('2026-03-15') };

/** Settings as plain values, for exact comparison. */
function plain(s: Settings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [
    k,
    k === 'asOfDate' || k === 'reconciliationMonth' ? iso(v as Settings['asOfDate'])
      : v !== null && typeof v === 'object' && 'toFixed' in v ? v.toString() : v,
  ]));
}

const DEFAULTS = {
  reportingCurrency: 'USD',
  defaultPaymentTerms: { label: 'Net 30', netDays: 30 },
  prorationMethod: 'Daily',
  rounding: 'Half Up',
  billingEntity: 'Default',
  timeZone: 'UTC',
  rampRevenue: 'Straight-Line',
  asOfDate: '2026-03-15',
  reconciliationMonth: '2026-02-01',
  discrepancyAmountThreshold: '100',
  discrepancyPercentThreshold: '0.01',
  failedPaymentRateRedFlag: '0.1',
  failedPaymentRateTarget: '0.05',
  syncFailureLookbackDays: 7,
  syncFailuresPerMonthTrigger: 5,
  invoiceErrorRateTrigger: '0.02',
  amendmentVolumeTrigger: '0.2',
  billingLagTargetHours: 24,
  billingLagRedFlagHours: 48,
  manualInterventionTarget: '0.1',
  manualInterventionRedFlag: '0.25',
  dunningRetryDays: [3, 5, 7],
  crm: null,
  billingTool: null,
  erp: null,
};

function settingsGrid(rows: RawCell[][]) {
  return gridOf('Settings', [['Setting', 'Value', 'Note'], ...rows]);
}

describe('Settings', () => {
  test('no Settings sheet: every default, As Of Date today, the month before it', () => {
    const r = parseSettings(null, ctx);
    expect(r.issues).toEqual([]);
    expect(plain(r.settings)).toEqual(DEFAULTS);
    expect(plain(parseSettings(null, { ...ctx, today: day('2026-01-31') }).settings).reconciliationMonth).toBe('2025-12-01');
  });

  test('the sheet Setup writes (SETTINGS_DEFAULTS) reads back as the defaults, with no Issues', () => {
    const grid = settingsGrid(SETTINGS_DEFAULTS.map((d) => [d.setting, d.value, d.note]));
    const r = parseSettings(grid, ctx);
    expect(r.issues).toEqual([]);
    expect(plain(r.settings)).toEqual(DEFAULTS);
    expect(SETTINGS_DEFAULTS.map((d) => d.setting)).toEqual([
      'Reporting Currency', 'Default Payment Terms', 'Proration Method', 'Rounding', 'Billing Entity', 'Time Zone', 'Ramp Revenue',
      'As Of Date', 'Reconciliation Month', 'Discrepancy Amount Threshold', 'Discrepancy Percent Threshold',
      'Failed Payment Rate Red Flag', 'Failed Payment Rate Target', 'Sync Failure Lookback Days', 'Sync Failures Per Month Trigger',
      'Invoice Error Rate Trigger', 'Amendment Volume Trigger', 'Billing Lag Target Hours', 'Billing Lag Red Flag Hours',
      'Manual Intervention Target', 'Manual Intervention Red Flag', 'Dunning Retry Days', 'CRM', 'Billing Tool', 'ERP',
    ]);
  });

  test('values as users type them; names matched like headers', () => {
    const grid = settingsGrid([
      ['reporting currency', 'eur'],
      ['Default Payment Terms', 'due on receipt'],
      ['Proration_Method', '30/360'],
      ['Rounding', 'half even'],
      ['Billing Entity', 'Acme GmbH'],
      ['TimeZone', 'America/New_York'],
      ['Ramp Revenue', 'as billed'],
      ['As Of Date', '2026-05-10'],
      ['Discrepancy Amount Threshold', '$250.00'],
      ['Discrepancy Percent Threshold', '2%'],
      ['Failed Payment Rate Red Flag', 15],
      ['Sync Failure Lookback Days', 14],
      ['Billing Lag Target Hours', 12.5],
      ['Dunning Retry Days', '2, 4, 8'],
      ['CRM', 'Salesforce'],
      ['Billing Tool', 'Stripe'],
      ['ERP', ' '],
    ]);
    const r = parseSettings(grid, ctx);
    expect(r.issues).toEqual([]);
    expect(plain(r.settings)).toEqual({
      ...DEFAULTS,
      reportingCurrency: 'EUR',
      defaultPaymentTerms: { label: 'Due on Receipt', netDays: 0 },
      prorationMethod: '30/360',
      rounding: 'Half Even',
      billingEntity: 'Acme GmbH',
      timeZone: 'America/New_York',
      rampRevenue: 'As Billed',
      asOfDate: '2026-05-10',
      reconciliationMonth: '2026-04-01',
      discrepancyAmountThreshold: '250',
      discrepancyPercentThreshold: '0.02',
      failedPaymentRateRedFlag: '0.15',
      syncFailureLookbackDays: 14,
      billingLagTargetHours: 12.5,
      dunningRetryDays: [2, 4, 8],
      crm: 'Salesforce',
      billingTool: 'Stripe',
    });
  });

  test('Reconciliation Month: yyyy-mm text or a date', () => {
    expect(iso(parseSettings(settingsGrid([['Reconciliation Month', '2025-11']]), ctx).settings.reconciliationMonth)).toBe('2025-11-01');
    expect(iso(parseSettings(settingsGrid([['Reconciliation Month', 45977]]), ctx).settings.reconciliationMonth)).toBe('2025-11-01');
  });

  test('overrides (--as-of, --month) win over the sheet', () => {
    const grid = settingsGrid([['As Of Date', '2026-05-10'], ['Reconciliation Month', '2026-01']]);
    const asOf = parseSettings(grid, { ...ctx, overrides: { asOfDate: day('2026-07-04') } }).settings;
    expect([iso(asOf.asOfDate), iso(asOf.reconciliationMonth)]).toEqual(['2026-07-04', '2026-01-01']);
    const both = parseSettings(grid, { ...ctx, overrides: { asOfDate: day('2026-07-04'), reconciliationMonth: day('2026-06-17') } }).settings;
    expect([iso(both.asOfDate), iso(both.reconciliationMonth)]).toEqual(['2026-07-04', '2026-06-01']);
    const noMonth = parseSettings(settingsGrid([['As Of Date', '2026-05-10']]), { ...ctx, overrides: { asOfDate: day('2026-07-04') } }).settings;
    expect(iso(noMonth.reconciliationMonth)).toBe('2026-06-01');
    const undefinedOverrides = parseSettings(grid, { ...ctx, overrides: { asOfDate: undefined, reconciliationMonth: undefined } }).settings;
    expect(iso(undefinedOverrides.asOfDate)).toBe('2026-05-10');
  });

  test('a bad value is an Error on its Value cell and the default is used', () => {
    const grid = settingsGrid([
      ['Time Zone', 'Mars/Base'],
      ['Reporting Currency', 'Dollars'],
      ['Dunning Retry Days', '7, 5, 3'],
      ['As Of Date', '3/4/2026'],
      ['Rounding', 'Nearest'],
      ['Discrepancy Percent Threshold', 0.5],
      ['Colour', 'Blue'],
      ['Time Zone', 'UTC'],
    ]);
    const r = parseSettings(grid, ctx);
    expect(r.issues).toEqual([
      {
        job: 'Reconcile', severity: 'Error', sheet: 'Settings', cell: 'Settings!B2', column: 'Value', value: 'Mars/Base',
        problem: "Time Zone: 'Mars/Base' is not a time zone; the default UTC is used",
        fix: 'Type an IANA time zone such as America/New_York or Europe/Berlin, UTC, or an offset such as +05:30',
      },
      {
        job: 'Reconcile', severity: 'Error', sheet: 'Settings', cell: 'Settings!B3', column: 'Value', value: 'Dollars',
        problem: "Reporting Currency: 'Dollars' is not a known ISO 4217 currency code; the default USD is used",
        fix: 'Type a three-letter ISO 4217 code such as USD, EUR, GBP or JPY',
      },
      {
        job: 'Reconcile', severity: 'Error', sheet: 'Settings', cell: 'Settings!B4', column: 'Value', value: '7, 5, 3',
        problem: "Dunning Retry Days: '7, 5, 3' is not in increasing order; the default 3, 5, 7 is used",
        fix: 'Type whole days after the first failed attempt in increasing order, e.g. 3, 5, 7',
      },
      {
        job: 'Reconcile', severity: 'Error', sheet: 'Settings', cell: 'Settings!B5', column: 'Value', value: '3/4/2026',
        problem: "As Of Date: '3/4/2026' is ambiguous: the order of day and month is unknown; the default today (2026-03-15) is used",
        fix: 'Type the date as yyyy-mm-dd, e.g. 2026-03-04',
      },
      {
        job: 'Reconcile', severity: 'Error', sheet: 'Settings', cell: 'Settings!B6', column: 'Value', value: 'Nearest',
        problem: "Rounding: 'Nearest' is not one of the allowed values; the default Half Up is used",
        fix: 'Type one of: Half Up, Half Even',
      },
      {
        job: 'Reconcile', severity: 'Warning', sheet: 'Settings', cell: 'Settings!B7', column: 'Value', value: '0.5',
        problem: 'Discrepancy Percent Threshold: 0.5 is read as 0.5%: did you mean 0.5% or 50%?',
        fix: 'Type 50% (with the % sign) if you meant 50 percent; type 0.5% to keep 0.5 percent',
      },
      {
        job: 'Reconcile', severity: 'Warning', sheet: 'Settings', cell: 'Settings!A8', column: 'Setting', value: 'Colour',
        problem: "Unknown setting 'Colour' is ignored", fix: expect.stringMatching(/^Use one of: Reporting Currency, /),
      },
      {
        job: 'Reconcile', severity: 'Warning', sheet: 'Settings', cell: 'Settings!A9', column: 'Setting', value: 'Time Zone',
        problem: 'Time Zone is set twice; the first (row 2) is used', fix: 'Delete one of the two rows',
      },
    ]);
    expect(plain(r.settings)).toEqual({ ...DEFAULTS, discrepancyPercentThreshold: '0.005' });
  });

  test('a Settings sheet typed without its header row still reads', () => {
    const grid = gridOf('Settings', [[null, null], ['Reporting Currency', 'JPY'], ['Time Zone', '+09:00']], { firstRow: 3 });
    const r = parseSettings(grid, ctx);
    expect(r.issues).toEqual([]);
    expect([r.settings.reportingCurrency, r.settings.timeZone]).toEqual(['JPY', '+09:00']);
    const bad = parseSettings(gridOf('Settings', [['Reporting Currency', 'XX']], { firstRow: 3 }), ctx);
    expect(bad.issues.map((i) => i.cell)).toEqual(['Settings!B3']);
  });

  test('parseBillingInputs reads Settings too, and reports their Issues after the input sheets', () => {
    const r = parseBillingInputs({
      Contracts: gridOf('Contracts', [['Contract ID', 'Customer', 'Product', 'Start Date', 'Term (Months)', 'Billing Frequency', 'Unit Price'],
        ['C-1', 'Acme', 'Platform', '2026-01-01', 12, 'Monthly', 100]]),
      Settings: settingsGrid([['Reporting Currency', 'CHF'], ['Rounding', 'sometimes']]),
    }, { ...ctx, job: 'Bill' });
    expect(r.inputs.settings.reportingCurrency).toBe('CHF');
    expect(r.inputs.contracts[0].currency).toBe('CHF');
    expect(r.issues.map((i) => [i.job, i.cell])).toEqual([['Bill', 'Settings!B3']]);
    expect(r.rowsRead).toEqual({
      Contracts: 1, Amendments: 0, Milestones: 0, Usage: 0, 'Price Tiers': 0, 'FX Rates': 0, 'Tax Rates': 0, Settings: 2,
    });
  });
});
