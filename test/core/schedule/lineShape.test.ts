import { billBook } from '../../../src/core/bill';
import { fromISO, type CalendarDate } from '../../../src/core/calendarDate';
import { buildBillingSchedule } from '../../../src/core/schedule';
import { sampleBook, sampleGrid, withSampleSettings } from '../../../src/jobs/sampleBook/sampleBook';
import { SAMPLE_AS_OF } from '../../../src/jobs/sampleBook/sampleSheets';
import { INPUT_SHEETS, SETTINGS_DEFAULTS, type InputSheetName } from '../../../src/workbook/inputSheets';
import { parseBillingInputs } from '../../../src/workbook/parseInputs';

/**
 * Every schedule line has one shape: the same fields in the same order, whatever made it
 * (recurring, usage, True-Up, milestone, or an amendment's Credit and Prorated lines). A line
 * made with a field more, fewer or in another order would give V8 a second shape and slow every
 * step that reads lines; documents then add their four fields in one order to all of them.
 */
const SCHEDULE_FIELDS = [
  'contract', 'lineId', 'lineType', 'periodStart', 'periodEnd', 'invoiceDate', 'dueDate', 'quantity', 'unitPrice',
  'prorationFactor', 'amount', 'discount', 'netAmount', 'calculation', 'source', 'creditOf', 'usageByDate',
];
const DOCUMENT_FIELDS = ['tax', 'total', 'documentNumber', 'reportingAmount'];
const CONTRACT_FIELDS = ['contractId', 'customer', 'product', 'currency', 'billingEntity', 'taxJurisdiction', 'taxExempt', 'contractLineIndex'];

function sampleInputs() {
  const settings = withSampleSettings(SETTINGS_DEFAULTS.map((s) => ({ Setting: s.setting, Value: s.value, Note: s.note })));
  const book = sampleBook(settings);
  const grids = Object.fromEntries(INPUT_SHEETS.map((s) => [s.name, sampleGrid(s.name, book[s.name as InputSheetName] ?? [])]));
  return parseBillingInputs(grids, { job: 'Bill', today: fromISO(SAMPLE_AS_OF) as CalendarDate }).inputs;
}

describe('one shape for every schedule line (the sample book, amendments and all)', () => {
  const inputs = sampleInputs();

  test('the sample book makes every kind of line', () => {
    const kinds = new Set(buildBillingSchedule(inputs).lines.map((l) => l.lineType));
    expect([...kinds].sort()).toEqual(['Credit', 'Milestone', 'Prorated', 'Recurring', 'True-Up', 'Usage']);
  });

  test('schedule lines: the same 17 fields in the same order, the contract line\'s 8 in one shared object', () => {
    const { lines } = buildBillingSchedule(inputs);
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(SCHEDULE_FIELDS);
      expect(Object.keys(line.contract)).toEqual(CONTRACT_FIELDS);
    }
    // lines of one contract line made together share its contract object rather than copying it
    // (an added product's lines carry the index of its contract's first line, with their own product)
    const lineOf = (l: (typeof lines)[number]) => `${l.contract.contractLineIndex}|${l.contract.product}`;
    const recurring = lines.filter((l) => l.lineType === 'Recurring');
    const shared = new Map(recurring.map((l) => [lineOf(l), l.contract]));
    expect(shared.size).toBeLessThan(recurring.length / 4);
    for (const l of recurring) expect(l.contract).toBe(shared.get(lineOf(l)));
  });

  test('billed lines: the schedule\'s fields, then tax, total, document number and reporting amount', () => {
    const { lines } = billBook(inputs);
    for (const line of lines) expect(Object.keys(line)).toEqual([...SCHEDULE_FIELDS, ...DOCUMENT_FIELDS]);
  });
});
