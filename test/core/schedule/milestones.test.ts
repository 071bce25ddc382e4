import { buildBillingSchedule } from '../../../src/core/schedule';
import { billingInputs, contractLine, iso, milestone, rows } from './builders';

const implementation = { contractId: 'M-1', product: 'Implementation', billingFrequency: 'Milestone' as const, unitPrice: null, row: 6 };

describe('milestones', () => {
  test('each milestone is invoiced on its date for its amount', () => {
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...implementation, tcv: '50000' })],
      milestones: [
        milestone('M-1', 'Implementation', 'Go-live', '2026-06-15', '30000', 3),
        milestone('m-1', 'implementation ', 'Kickoff', '2026-02-01', '20000', 2),
      ],
    }));
    expect(result.issues).toEqual([]);
    expect(rows(result.lines)).toEqual([
      { type: 'Milestone', start: '2026-02-01', end: '2026-02-01', invoice: '2026-02-01', amount: '20000.00', discount: '0.00', net: '20000.00' },
      { type: 'Milestone', start: '2026-06-15', end: '2026-06-15', invoice: '2026-06-15', amount: '30000.00', discount: '0.00', net: '30000.00' },
    ]);
    expect(result.lines[0].calculation).toBe('milestone "Kickoff" = 20,000.00');
    expect(result.lines[0].source).toBe('Milestones!E2');
    expect(iso(result.lines[0].dueDate)).toBe('2026-03-03');
    expect(result.lines[0].contract.contractLineIndex).toBe(0);
  });

  test('milestones that do not add up to the Total Contract Value: a Warning, billed as stated', () => {
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...implementation, tcv: '60000' })],
      milestones: [milestone('M-1', 'Implementation', 'Kickoff', '2026-02-01', '20000')],
    }));
    expect(result.lines).toHaveLength(1);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Contracts!Q6' });
  });

  test('a milestone for no known contract line: a Warning, not billed', () => {
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...implementation })],
      milestones: [
        milestone('M-1', 'Implementation', 'Kickoff', '2026-02-01', '100', 2),
        milestone('M-1', 'Training', 'Day 1', '2026-03-01', '500', 3),
        milestone('M-404', 'Implementation', 'Kickoff', '2026-03-01', '500', 4),
      ],
    }));
    expect(result.lines).toHaveLength(1);
    expect(result.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Milestones!A3', 'Warning Milestones!A4']);
  });

  test('a milestone whose product is billed by another frequency: a Warning naming that line', () => {
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ contractId: 'M-2', product: 'Platform', row: 8 })],
      milestones: [milestone('M-2', 'Platform', 'Kickoff', '2026-02-01', '100', 2)],
    }));
    expect(result.lines.filter((l) => l.lineType === 'Milestone')).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Milestones!B2' });
    expect(result.issues[0].problem).toContain('Contracts!A8');
  });

  test('a Milestone line with no milestones: a Warning', () => {
    const result = buildBillingSchedule(billingInputs({ contracts: [contractLine({ ...implementation })] }));
    expect(result.lines).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Contracts!I6' });
  });

  test('amounts are rounded to the currency once', () => {
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...implementation, currency: 'JPY' })],
      milestones: [milestone('M-1', 'Implementation', 'Kickoff', '2026-02-01', '1000.5')],
    }));
    expect(rows(result.lines)[0].net).toBe('1001');
  });
});
