import fc from 'fast-check';
import { sortSchedule } from '../../../src/core/schedule';
import type { LineType, ScheduleLine } from '../../../src/core/model';
import { line } from '../documents/builders';
import { byScheduleOrder } from './scheduleOrderRule';

const lineArb = fc.record({
  contractId: fc.constantFrom('C-1', 'c-1', 'C-2', ' C-10', 'B-9'),
  product: fc.constantFrom('Platform', 'platform', 'API', 'Support '),
  month: fc.integer({ min: 1, max: 3 }),
  late: fc.integer({ min: 0, max: 2 }),
  lineType: fc.constantFrom<LineType>('Recurring', 'Credit', 'Prorated', 'Usage', 'True-Up', 'Milestone'),
  lineId: fc.constantFrom('a', 'b', 'c', 'd'),
});

function toLine(spec: { contractId: string; product: string; month: number; late: number; lineType: LineType; lineId: string }): ScheduleLine {
  const start = `2026-${String(spec.month).padStart(2, '0')}-01`;
  const l = line({ contractId: spec.contractId, product: spec.product, lineType: spec.lineType, periodStart: start, periodEnd: start, lineId: spec.lineId });
  return { ...l, invoiceDate: (l.periodStart + spec.late) as ScheduleLine['invoiceDate'] };
}

describe('sortSchedule', () => {
  it('orders any lines by Contract ID, Product, Period Start, Invoice Date, line type and ID, keeping ties as they came', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 60 }), (specs) => {
      const lines = specs.map(toLine);
      // by position, so lines alike in every key show they kept the order they came in
      expect(sortSchedule(lines).map((l) => lines.indexOf(l))).toEqual([...lines].sort(byScheduleOrder).map((l) => lines.indexOf(l)));
      expect(sortSchedule(lines).every((l, i, all) => i === 0 || byScheduleOrder(all[i - 1], l) <= 0)).toBe(true);
    }), { numRuns: 1000 });
  });

  it('merges lines appended after an ordered run (as amendments add them) into place', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 60 }), fc.array(lineArb, { maxLength: 15 }), (head, tail) => {
      const ordered = head.map(toLine).sort(byScheduleOrder);
      const lines = [...ordered, ...tail.map(toLine)];
      const sorted = sortSchedule(lines);
      expect(sorted.map((l) => lines.indexOf(l))).toEqual([...lines].sort(byScheduleOrder).map((l) => lines.indexOf(l)));
      // the very same line objects, each once
      expect(new Set(sorted).size).toBe(lines.length);
      expect(sorted.every((l) => lines.includes(l))).toBe(true);
    }), { numRuns: 1000 });
  });
});
