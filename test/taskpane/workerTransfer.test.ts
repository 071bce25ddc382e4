import { syntheticBook } from '../../bench/syntheticBook';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { computeJob, type ComputedJob } from '../../src/jobs/computeJob';
import type { Grids } from '../../src/jobs/parsedBook';
import { sampleGrid } from '../../src/jobs/sampleBook/sampleBook';
import type { InputSheetName } from '../../src/workbook/inputSheets';
import { dataRow, dataRowCount, materialized, type OutCell, type SheetSpec } from '../../src/workbook/sheetSpec';
import { AnswerAssembly, answerMessages, CELLS_PER_MESSAGE, RequestAssembly, requestMessages, rowsPerMessage, type FromWorker } from '../../src/taskpane/workerTransfer';

const options = { today: fromISO('2025-08-01') as CalendarDate };

function bookGrids(contracts: number): Grids {
  const grids: Grids = {};
  for (const [name, rows] of Object.entries(syntheticBook(contracts))) grids[name] = sampleGrid(name as InputSheetName, rows ?? []);
  grids['Issues'] = null;
  return grids;
}

/** Every message cloned as postMessage clones it, and put back together as the pane does. */
function across(computed: ComputedJob): { job: ComputedJob; messages: FromWorker[] } {
  const messages = [...answerMessages(7, computed)].map((m) => structuredClone(m));
  const assembly = new AnswerAssembly();
  let job: ComputedJob | null = null;
  for (const message of messages) {
    expect(job).toBeNull();
    job = assembly.accept(message);
  }
  if (!job) throw new Error('the last message did not complete the job');
  return { job, messages };
}

function plain(specs: SheetSpec[]): SheetSpec[] {
  return specs.map(materialized);
}

describe('a job crossing to the worker and back in slices', () => {
  const grids = bookGrids(400);
  const computed = computeJob('bill', grids, options);

  it('gives the worker the very grids the pane read, a slice of at most CELLS_PER_MESSAGE cells at a time', () => {
    const messages = [...requestMessages(3, 'bill', grids, options)].map((m) => structuredClone(m));
    const assembly = new RequestAssembly();
    const asked = messages.map((m) => assembly.accept(m));
    expect(asked.slice(0, -1).every((a) => a === null)).toBe(true);
    expect(asked[asked.length - 1]).toEqual({ kind: 'bill', options });
    expect(assembly.grids).toEqual(grids);
    for (const m of messages) if (m.type === 'gridRows') expect(m.values.length * (m.values[0]?.length ?? 0)).toBeLessThanOrEqual(CELLS_PER_MESSAGE);
    expect(messages.filter((m) => m.type === 'gridRows' && m.name === 'Usage').length).toBe(Math.ceil(8001 / Math.floor(CELLS_PER_MESSAGE / 4)));
  });

  it('gives the pane the same sheets, rows, currencies, flags, issues and result the worker computed', () => {
    const { job, messages } = across(computed);
    expect(plain(job.specs)).toEqual(plain(computed.specs));
    expect(job.result).toEqual(computed.result);
    const schedule = job.specs.find((s) => s.name === 'Billing Schedule') as SheetSpec;
    expect(dataRowCount(schedule)).toBeGreaterThan(10_000);
    // the big sheets' rows come as text, read on demand
    expect(schedule.rowSource).toBeDefined();
    expect(schedule.rows).toEqual([]);
    for (const m of messages) if (m.type === 'sheetRows' && m.rows) expect(m.rows.length * (m.rows[0]?.length ?? 0)).toBeLessThanOrEqual(CELLS_PER_MESSAGE);
  });

  it('reads any row of a sheet, in any order, as the worker made it', () => {
    const { job } = across(computed);
    const original = computed.specs.find((s) => s.name === 'Billing Schedule') as SheetSpec;
    const arrived = job.specs.find((s) => s.name === 'Billing Schedule') as SheetSpec;
    const count = dataRowCount(original);
    const slice = rowsPerMessage(original.columns.length);
    for (const i of [count - 1, 0, slice, slice - 1, 3 * slice + 7, 1, count - 2]) expect(dataRow(arrived, i)).toEqual(dataRow(original, i));
    expect(() => dataRow(arrived, count)).toThrow(RangeError);
  });
});

describe('rows JSON text cannot carry exactly', () => {
  const columns = [
    { header: 'Amount', kind: 'money' as const },
    { header: 'Note', kind: 'text' as const },
  ];
  const spec = (rows: OutCell[][]): SheetSpec => ({ name: 'Odd', tableName: 'Odd', columns, rows, rowCurrency: rows.map(() => 'USD') });
  const many = (odd: OutCell[]): OutCell[][] => Array.from({ length: 25_000 }, (_, i) => (i === 21_000 ? odd : [i / 100, `n${i}`]));
  const result = { job: 'bill' as const, sheetsWritten: [], issues: [], errors: 0, warnings: 0, redFlags: 0, summary: [] };

  it.each<[string, OutCell[]]>([
    ['a number Excel cannot hold', [Number.NaN, 'x']],
    ['an infinite number', [Number.POSITIVE_INFINITY, 'x']],
    ['minus zero', [-0, 'x']],
    ['a formula whose cached result is undefined', [{ formula: 'A1*2', result: undefined }, 'x']],
    ['a row narrower than the sheet', [1]],
  ])('%s: the whole sheet arrives as plain rows, so the host still refuses or writes it as before', (_, odd) => {
    const original = spec(many(odd));
    const { job } = across({ specs: [original], result });
    expect(job.specs[0].rowSource).toBeUndefined();
    expect(job.specs[0]).toEqual(original);
    expect(job.specs[0].rows[21_000]).toStrictEqual(odd);
    if (typeof odd[0] === 'number') expect(Object.is(job.specs[0].rows[21_000][0], odd[0])).toBe(true);
  });

  it('keeps formulas with their cached results through JSON', () => {
    const original = spec(many([{ formula: 'SUM(A1:A3)', result: 12.5 }, { formula: 'B1&"x"', result: 'ax' }]));
    const { job } = across({ specs: [original], result });
    expect(job.specs[0].rowSource).toBeDefined();
    expect(materialized(job.specs[0])).toEqual(original);
  });

  it('sends the rows of a spec made on demand, never the RowSource itself', () => {
    const rows = many(['x', 'y']);
    const onDemand: SheetSpec = { name: 'Lazy', tableName: 'Lazy', columns, rows: [], rowSource: { count: rows.length, row: (i) => rows[i] } };
    const { job } = across({ specs: [onDemand], result });
    expect(materialized(job.specs[0])).toEqual(materialized(onDemand));
  });
});
