import { buildBillingSchedule } from '../../../src/core/schedule';
import { lineIdOf } from '../../../src/core/lineId';
import { billingInputs, contractLine, usageRecord } from './builders';

/**
 * A contract line's own period lines keep only their period number as lineId (no text per line);
 * lineIdOf spells out the ID they always had: Contract ID, contract line index, period, Line Type.
 */
describe('line IDs', () => {
  test('recurring lines: the period number, spelled out with the contract line', () => {
    // a calendar anchor and a mid-month start: a Prorated first period, then whole months
    const lines = buildBillingSchedule(billingInputs({
      contracts: [
        contractLine({ contractId: 'C-9', start: '2026-01-15', end: '2026-03-31', unitPrice: '1200', priceBasis: 'Year', billingAnchor: 'Calendar' }),
        contractLine({ contractId: 'C-9', product: 'Support', start: '2026-01-01', end: '2026-02-28', unitPrice: '120', priceBasis: 'Year' }),
      ],
    })).lines;
    expect(lines.map((l) => [l.lineId, lineIdOf(l)])).toEqual([
      [0, 'C-9|0|0|Prorated'],
      [1, 'C-9|0|1|Recurring'],
      [2, 'C-9|0|2|Recurring'],
      [0, 'C-9|1|0|Recurring'],
      [1, 'C-9|1|1|Recurring'],
    ]);
  });

  test('usage and True-Up lines: the same, with their own Line Type', () => {
    const lines = buildBillingSchedule(billingInputs({
      contracts: [contractLine({
        contractId: 'U-1', product: 'API', billingFrequency: 'Usage', usageMetric: 'api_calls', unitPrice: '0.01', priceBasis: null,
        start: '2026-01-01', end: '2026-02-28', minimumCommit: '20',
      })],
      usage: [usageRecord('U-1', 'api_calls', '2026-01-10', 1500), usageRecord('U-1', 'api_calls', '2026-02-10', 3000)],
    })).lines;
    expect(lines.map((l) => [l.lineType, l.lineId, lineIdOf(l)])).toEqual([
      ['Usage', 0, 'U-1|0|0|Usage'],
      ['True-Up', 0, 'U-1|0|0|True-Up'],
      ['Usage', 1, 'U-1|0|1|Usage'],
    ]);
  });

  test('an ID given as text is the ID', () => {
    const [line] = buildBillingSchedule(billingInputs({ contracts: [contractLine({ contractId: 'C-1', start: '2026-01-01', end: '2026-01-31' })] })).lines;
    expect(lineIdOf({ ...line, lineId: 'C-1|0|0|Recurring~add~row7' })).toBe('C-1|0|0|Recurring~add~row7');
  });
});
