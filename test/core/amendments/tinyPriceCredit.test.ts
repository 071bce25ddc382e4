import { buildBillingSchedule } from '../../../src/core/schedule';
import { billingInputs, contractLine, defaultSettings } from '../schedule/builders';
import { amendedRows, amendment } from './amendmentBuilder';

/**
 * The property suite's seed 73735800, by hand (billing.md, Amendments: "A credit never exceeds
 * what was billed for the period it touches"). A JPY line at 0.15/yr, then a 4-month ramp at
 * 0.165/yr, monthly in advance. AMD-3 makes it 38 units from 2026-01-01 (booked that day, so
 * nothing is billed yet and the ramp is repriced as one segment); AMD-2 moves the price to 0.16
 * from 2026-02-01 but is booked 2026-05-02, when February..May are already invoiced.
 */
const out = buildBillingSchedule(billingInputs({
  contracts: [
    contractLine({ row: 2, currency: 'JPY', start: '2026-01-01', end: '2026-01-31', unitPrice: '0.15', quantity: 1, discount: '0' }),
    contractLine({ row: 3, currency: 'JPY', start: '2026-02-01', end: '2026-05-31', unitPrice: '0.165', quantity: 1, discount: '0' }),
  ],
  amendments: [
    amendment({ row: 2, effective: '2026-02-01', booked: '2026-05-02', price: '0.16' }),
    amendment({ row: 3, effective: '2026-01-01', quantity: 38 }),
    amendment({ row: 4, effective: '2026-01-01' }),
  ],
  settings: { ...defaultSettings, prorationMethod: 'Daily', rounding: 'Half Up' },
}));

test('a ramp repriced below one yen a month is rounded on the running total, never to a negative installment', () => {
  // 0.165 x 38 / 12 = 0.5225 a month; running totals 0.5225, 1.045, 1.5675, 2.09 round to 1, 1, 2, 2,
  // so 1, 0, 1, 0 (sum 2 = round(2.09)); the remainder rule alone would give 1, 1, 1, -1
  const ramp = out.lines.filter((l) => l.contract.contractLineIndex === 1 && l.lineType === 'Recurring');
  expect(ramp.map((l) => l.netAmount.toFixed(0))).toEqual(['1', '0', '1', '0']);
  expect(ramp[3].calculation).toBe('0.165/yr x 38 x 1/12 = 0 (rounded on the running total: each installment is below one minor unit)');
});

test('each late-booked credit takes back at most what its period billed, and nothing where it billed nothing', () => {
  expect(amendedRows(out.lines)).toEqual([
    'Platform Recurring 2026-01-01 2026-01-31 2026-01-01 0 0',
    'Platform Recurring 2026-02-01 2026-02-28 2026-02-01 1 1',
    'Platform Credit 2026-02-01 2026-02-28 2026-05-02 -1 -1',
    'Platform Prorated 2026-02-01 2026-02-28 2026-05-02 1 1',
    // March and May billed 0: no credit, only the new terms' 0.16 x 38 / 12 = 0.5067 -> 1
    'Platform Recurring 2026-03-01 2026-03-31 2026-03-01 0 0',
    'Platform Prorated 2026-03-01 2026-03-31 2026-05-02 1 1',
    'Platform Recurring 2026-04-01 2026-04-30 2026-04-01 1 1',
    'Platform Credit 2026-04-01 2026-04-30 2026-05-02 -1 -1',
    'Platform Prorated 2026-04-01 2026-04-30 2026-05-02 1 1',
    'Platform Recurring 2026-05-01 2026-05-31 2026-05-01 0 0',
    'Platform Prorated 2026-05-01 2026-05-31 2026-05-02 1 1',
  ]);
  expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!E4', 'Warning Amendments!D2']);
});
