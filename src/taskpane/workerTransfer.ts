import type { Issue } from '../core/issue';
import type { ComputedJob } from '../jobs/computeJob';
import type { JobKind, JobResult } from '../jobs/job';
import type { ComputeOptions, Grids } from '../jobs/parsedBook';
import type { InputGrid, RawCell } from '../workbook/grid';
import { dataRow, dataRowCount, type OutCell, type SheetSpec } from '../workbook/sheetSpec';

/**
 * How a job crosses to the pane's Web Worker and back, in messages of a bounded size. Posting
 * a message clones it in one go on the sending thread and the receiving thread rebuilds it in
 * one go too: a 300k-line schedule in one message blocks the pane for seconds, so every big
 * array (input rows, output rows, row currencies, flags, issues) travels in slices and is put
 * back together one message (one task) at a time.
 *
 * Output rows come back as JSON text, a slice per string, and the pane's specs read them through
 * a RowSource that parses a slice when the host writes it. Millions of small cell objects built
 * on the pane's thread all at once would survive garbage collection after garbage collection,
 * each a pause of the pane's thread; a few large strings do not. A slice JSON cannot carry
 * exactly (a non-finite number, -0, a row of the wrong width) comes as plain rows, and then
 * its sheet is rebuilt as plain rows so the host's checks see it before anything is written.
 * Pure: no Worker here, so it is tested in node.
 */

/** About this many cells per message: a structured clone of it takes a few milliseconds. */
export const CELLS_PER_MESSAGE = 20_000;

export type ToWorker =
  | { id: number; type: 'grid'; name: string; grid: InputGrid | null }
  | { id: number; type: 'gridRows'; name: string; values: RawCell[][]; numberFormats: string[][] | null }
  | { id: number; type: 'compute'; kind: JobKind; options: ComputeOptions };

type Flag = { row: number; column: number };

export type FromWorker =
  | { id: number; type: 'sheet'; spec: SheetSpec }
  | { id: number; type: 'sheetRows'; count: number; json?: string; rows?: OutCell[][]; rowCurrency?: (string | null)[] }
  | { id: number; type: 'sheetFlags'; flags: Flag[] }
  | { id: number; type: 'issues'; issues: Issue[] }
  | { id: number; type: 'done'; result: JobResult }
  | { id: number; type: 'failed'; error: { name: string; message: string } };

export function rowsPerMessage(columns: number): number {
  return Math.max(1, Math.floor(CELLS_PER_MESSAGE / Math.max(1, columns)));
}

function widthOf(rows: readonly unknown[][]): number {
  return rows.length > 0 ? rows[0].length : 1;
}

/** The messages that carry a job's inputs to the worker, the compute request last. */
export function* requestMessages(id: number, kind: JobKind, grids: Grids, options: ComputeOptions): Generator<ToWorker> {
  for (const [name, grid] of Object.entries(grids)) {
    if (grid === null) {
      yield { id, type: 'grid', name, grid: null };
      continue;
    }
    yield { id, type: 'grid', name, grid: { ...grid, values: [], numberFormats: grid.numberFormats === null ? null : [] } };
    // numberFormats, when known, have the shape of values: both count toward a message's cells
    const step = Math.max(1, Math.floor(rowsPerMessage(widthOf(grid.values)) / (grid.numberFormats === null ? 1 : 2)));
    for (let start = 0; start < grid.values.length; start += step) {
      yield {
        id,
        type: 'gridRows',
        name,
        values: grid.values.slice(start, start + step),
        numberFormats: grid.numberFormats === null ? null : grid.numberFormats.slice(start, start + step),
      };
    }
  }
  yield { id, type: 'compute', kind, options };
}

/** The inputs as the worker puts them back together, message by message. */
export class RequestAssembly {
  readonly grids: Grids = {};

  /** The job to compute once its last message arrived, else null. */
  accept(message: ToWorker): { kind: JobKind; options: ComputeOptions } | null {
    switch (message.type) {
      case 'grid':
        this.grids[message.name] = message.grid;
        return null;
      case 'gridRows': {
        const grid = this.grids[message.name];
        if (!grid) throw new Error(`Rows arrived for '${message.name}' before its sheet`);
        append(grid.values, message.values);
        if (grid.numberFormats && message.numberFormats) append(grid.numberFormats, message.numberFormats);
        return null;
      }
      case 'compute':
        return { kind: message.kind, options: message.options };
    }
  }
}

/**
 * The messages that carry a computed job back: each sheet's frame, then its rows (made here
 * from a RowSource when the spec has one, so only plain data crosses), then its flags; the
 * issues; the result last.
 */
export function* answerMessages(id: number, computed: ComputedJob): Generator<FromWorker> {
  for (const spec of computed.specs) {
    const count = dataRowCount(spec);
    const { rowSource: _rows, ...frame } = spec;
    yield {
      id,
      type: 'sheet',
      spec: { ...frame, rows: [], ...(spec.rowCurrency ? { rowCurrency: [] } : {}), ...(spec.flags ? { flags: [] } : {}) },
    };
    const step = rowsPerMessage(spec.columns.length);
    for (let start = 0; start < count; start += step) {
      const end = Math.min(count, start + step);
      const rows: OutCell[][] = [];
      for (let i = start; i < end; i++) rows.push(dataRow(spec, i));
      const cells = rows.every((row) => row.length === spec.columns.length && row.every(jsonExact)) ? { json: JSON.stringify(rows) } : { rows };
      yield { id, type: 'sheetRows', count: rows.length, ...cells, ...(spec.rowCurrency ? { rowCurrency: spec.rowCurrency.slice(start, end) } : {}) };
    }
    // row currencies past the rows (none expected) still cross, so the spec arrives as it was
    if (spec.rowCurrency && spec.rowCurrency.length > count) yield { id, type: 'sheetRows', count: 0, rows: [], rowCurrency: spec.rowCurrency.slice(count) };
    const flags = spec.flags ?? [];
    const flagStep = CELLS_PER_MESSAGE / 2;
    for (let start = 0; start < flags.length; start += flagStep) yield { id, type: 'sheetFlags', flags: flags.slice(start, start + flagStep) };
  }
  const { issues } = computed.result;
  const issueStep = Math.floor(CELLS_PER_MESSAGE / 8);
  for (let start = 0; start < issues.length; start += issueStep) yield { id, type: 'issues', issues: issues.slice(start, start + issueStep) };
  yield { id, type: 'done', result: { ...computed.result, issues: [] } };
}

/** A number, text, true/false, blank or formula that JSON text gives back exactly as it was. */
function jsonExact(cell: OutCell): boolean {
  if (cell === null || typeof cell === 'string' || typeof cell === 'boolean') return true;
  if (typeof cell === 'number') return Number.isFinite(cell) && !Object.is(cell, -0);
  if (typeof cell !== 'object' || Array.isArray(cell) || typeof cell.formula !== 'string') return false;
  const keys = Object.keys(cell);
  if (!keys.every((k) => k === 'formula' || k === 'result')) return false;
  return !('result' in cell) || typeof cell.result === 'string' || (typeof cell.result === 'number' && jsonExact(cell.result));
}

/** One slice of a sheet's rows as it arrived: JSON text, or plain rows. */
interface RowSlice {
  first: number;
  count: number;
  json?: string;
  rows?: OutCell[][];
}

/** A sheet's rows read from its slices, parsing a slice when a row of it is asked for (the last two kept). */
class SliceRows {
  private readonly recent: { slice: RowSlice; rows: OutCell[][] }[] = [];

  constructor(
    private readonly slices: RowSlice[],
    readonly count: number,
  ) {}

  row(index: number): OutCell[] {
    const slice = this.sliceOf(index);
    let parsed = this.recent.find((r) => r.slice === slice);
    if (!parsed) {
      parsed = { slice, rows: slice.rows ?? (JSON.parse(slice.json ?? '[]') as OutCell[][]) };
      this.recent.unshift(parsed);
      this.recent.length = Math.min(this.recent.length, 2);
    }
    return parsed.rows[index - slice.first];
  }

  /** Every row, as plain arrays. */
  all(): OutCell[][] {
    const rows: OutCell[][] = [];
    for (const slice of this.slices) append(rows, slice.rows ?? (JSON.parse(slice.json ?? '[]') as OutCell[][]));
    return rows;
  }

  private sliceOf(index: number): RowSlice {
    if (index < 0 || index >= this.count) throw new RangeError(`Row ${index} is outside the sheet's ${this.count} rows`);
    let low = 0;
    let high = this.slices.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.slices[middle].first <= index) low = middle;
      else high = middle - 1;
    }
    return this.slices[low];
  }
}

/** Row currencies repeat a few codes: one string per code, not one per row, stays on the pane's heap. */
class SharedCodes {
  private readonly codes = new Map<string, string>();
  get(code: string | null): string | null {
    if (code === null) return null;
    const known = this.codes.get(code);
    if (known !== undefined) return known;
    this.codes.set(code, code);
    return code;
  }
}

/** The computed job as the pane puts it back together, message by message. */
export class AnswerAssembly {
  private readonly specs: { spec: SheetSpec; slices: RowSlice[]; count: number }[] = [];
  private readonly issues: Issue[] = [];
  private readonly codes = new SharedCodes();

  /** The whole job once its last message arrived, else null; a failure in the worker is thrown here. */
  accept(message: FromWorker): ComputedJob | null {
    switch (message.type) {
      case 'sheet':
        this.specs.push({ spec: message.spec, slices: [], count: 0 });
        return null;
      case 'sheetRows': {
        const sheet = this.current();
        if (message.count > 0) {
          sheet.slices.push({ first: sheet.count, count: message.count, json: message.json, rows: message.rows });
          sheet.count += message.count;
        }
        const currencies = sheet.spec.rowCurrency;
        if (message.rowCurrency && currencies) for (const code of message.rowCurrency) currencies.push(this.codes.get(code));
        return null;
      }
      case 'sheetFlags': {
        const { spec } = this.current();
        if (spec.flags) append(spec.flags, message.flags);
        return null;
      }
      case 'issues':
        append(this.issues, message.issues);
        return null;
      case 'done':
        return { specs: this.specs.map(assembled), result: { ...message.result, issues: this.issues } };
      case 'failed': {
        const error = new Error(message.error.message);
        error.name = message.error.name;
        throw error;
      }
    }
  }

  private current() {
    const sheet = this.specs[this.specs.length - 1];
    if (!sheet) throw new Error('Rows arrived from the worker before their sheet');
    return sheet;
  }
}

/** Plain rows when every slice came plain (or any slice could not be JSON), else rows read on demand. */
function assembled({ spec, slices, count }: { spec: SheetSpec; slices: RowSlice[]; count: number }): SheetSpec {
  const rows = new SliceRows(slices, count);
  if (count > 0 && slices.every((slice) => slice.json !== undefined)) return { ...spec, rows: [], rowSource: rows };
  return { ...spec, rows: rows.all() };
}

/** Appends in place without spreading (a spread of a huge array overflows the call stack). */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
