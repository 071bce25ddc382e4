/**
 * What the pane itself asks of Excel beyond the Excel host: activate a sheet, select a cell,
 * read a range's displayed text, and draw charts. The shared fake (test/support/fakeExcel.ts)
 * models the host's objects; this adds those few members to its worksheet and range objects,
 * keeping its proxy semantics (everything is queued and happens at context.sync()) and
 * recording what happened so tests can assert it.
 *
 * No jest and no node imports: the browser test bundles this file too.
 */
import { FakeOfficeError, type FakeExcel } from '../../support/fakeExcel';
import { columnLetter } from '../../../src/workbook/grid';

export interface FakeChart {
  sheet: string;
  name: string;
  type: string;
  title: string;
  legend: string | null;
  /** each series: its name, values address and x-axis address (A1, no sheet) */
  series: { name: string; values: string; xAxis: string | null }[];
  position: string | null;
}

export interface PaneRecord {
  activeSheet: string | null;
  /** e.g. Contracts!F14 */
  selected: string | null;
  charts: FakeChart[];
}

export interface PaneFake {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  record: PaneRecord;
}

/* The fake's classes are private to its module; these are the parts of them this file uses. */
interface Target {
  sheet: { name: string; cells: Map<number, { value: unknown; numberFormat: string }> };
  row: number;
  column: number;
  rows: number;
  columns: number;
}
interface Queue {
  enqueue(payload: unknown, run: () => void): void;
}
interface ProxyLike {
  ctx: Queue;
  resolved(): Target & { name: string };
  live(): Target;
  snapshot(property: string, target: Target): unknown;
}

function address(t: Target): string {
  const first = `${columnLetter(t.column + 1)}${t.row + 1}`;
  return t.rows === 1 && t.columns === 1 ? first : `${first}:${columnLetter(t.column + t.columns)}${t.row + t.rows}`;
}

/** How Excel would show a value, enough for the pane's Settings list. */
function displayText(value: unknown, numberFormat: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && numberFormat.includes('%')) {
    const decimals = /0\.(0+)%/.exec(numberFormat)?.[1].length ?? 0;
    return `${(value * 100).toFixed(decimals)}%`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

const MAX_COLUMNS = 16384;
const patched = new WeakSet<object>();
/** each batch's context -> the record of the fake it came from */
const records = new WeakMap<object, PaneRecord>();

function patchPrototypes(worksheetProto: object, rangeProto: object): void {
  if (patched.has(worksheetProto)) return;
  patched.add(worksheetProto);
  const recordOf = (proxy: { ctx: Queue }): PaneRecord => {
    const record = records.get(proxy.ctx);
    if (!record) throw new Error('this context does not come from extendFakeForPane');
    return record;
  };

  Object.defineProperty(worksheetProto, 'activate', {
    value(this: ProxyLike) {
      this.ctx.enqueue(undefined, () => {
        recordOf(this).activeSheet = this.resolved().name;
      });
    },
  });

  Object.defineProperty(rangeProto, 'select', {
    value(this: ProxyLike) {
      this.ctx.enqueue(undefined, () => {
        const t = this.live();
        const record = recordOf(this);
        if (record.activeSheet !== t.sheet.name) {
          throw new FakeOfficeError('InvalidSelection', `Select is only possible on the active sheet (${record.activeSheet ?? 'none'})`);
        }
        record.selected = `${t.sheet.name}!${address(t)}`;
      });
    },
  });

  const snapshot = (rangeProto as ProxyLike).snapshot;
  Object.defineProperty(rangeProto, 'snapshot', {
    value(this: ProxyLike, property: string, t: Target) {
      if (property !== 'text') return snapshot.call(this, property, t);
      const rows: string[][] = [];
      for (let r = 0; r < t.rows; r++) {
        const row: string[] = [];
        for (let c = 0; c < t.columns; c++) {
          const cell = t.sheet.cells.get((t.row + r) * MAX_COLUMNS + t.column + c);
          row.push(cell ? displayText(cell.value, cell.numberFormat) : '');
        }
        rows.push(row);
      }
      return rows;
    },
  });
  Object.defineProperty(rangeProto, 'text', {
    get(this: { read(p: string): unknown }) {
      return this.read('text');
    },
  });

  const collections = new WeakMap<object, ReturnType<typeof chartCollection>>();
  Object.defineProperty(worksheetProto, 'charts', {
    get(this: ProxyLike) {
      let collection = collections.get(this);
      if (!collection) {
        collection = chartCollection(this, recordOf(this));
        collections.set(this, collection);
      }
      return collection;
    },
  });
}

function chartCollection(sheet: ProxyLike, record: PaneRecord) {
  const queue = sheet.ctx;
  let items: ReturnType<typeof chartHandle>[] | null = null;
  return {
    load(_properties?: string) {
      queue.enqueue(undefined, () => {
        const name = sheet.resolved().name;
        items = record.charts.filter((c) => c.sheet === name).map((c) => chartHandle(queue, record, c));
      });
      return this;
    },
    get items() {
      if (items === null) throw new FakeOfficeError('PropertyNotLoaded', 'charts.items is not loaded');
      return items;
    },
    add(type: string, source: ProxyLike, seriesBy: string) {
      const chart: FakeChart = { sheet: '', name: '', type, title: '', legend: null, series: [], position: null };
      queue.enqueue({ type, seriesBy }, () => {
        chart.sheet = sheet.resolved().name;
        chart.name = `Chart ${record.charts.length + 1}`;
        chart.series.push({ name: '', values: address(source.live()), xAxis: null });
        record.charts.push(chart);
      });
      return chartHandle(queue, record, chart);
    },
  };
}

function chartHandle(queue: Queue, record: PaneRecord, chart: FakeChart) {
  const later = (change: () => void) => queue.enqueue(undefined, change);
  const seriesHandle = (index: () => number) => ({
    set name(value: string) {
      later(() => {
        chart.series[index()].name = value;
      });
    },
    setValues(range: ProxyLike) {
      later(() => {
        chart.series[index()].values = address(range.live());
      });
    },
    setXAxisValues(range: ProxyLike) {
      later(() => {
        chart.series[index()].xAxis = address(range.live());
      });
    },
  });
  return {
    get name() {
      return chart.name;
    },
    set name(value: string) {
      later(() => {
        chart.name = value;
      });
    },
    title: {
      set text(value: string) {
        later(() => {
          chart.title = value;
        });
      },
    },
    legend: {
      set position(value: string) {
        later(() => {
          chart.legend = value;
        });
      },
    },
    series: {
      getItemAt(i: number) {
        return seriesHandle(() => {
          if (!chart.series[i]) throw new FakeOfficeError('ItemNotFound', `The chart has no series ${i}`);
          return i;
        });
      },
      add(name?: string) {
        let index = -1;
        later(() => {
          chart.series.push({ name: name ?? '', values: '', xAxis: null });
          index = chart.series.length - 1;
        });
        return seriesHandle(() => index);
      },
    },
    setPosition(range: ProxyLike) {
      later(() => {
        chart.position = address(range.live());
      });
    },
    delete() {
      later(() => {
        record.charts.splice(record.charts.indexOf(chart), 1);
      });
    },
  };
}

type RunLike = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * The fake's run, with the pane's members added and a record of what the pane did. Async
 * because the fake's classes are reached through one throwaway batch.
 */
export async function extendFakeForPane(fake: FakeExcel): Promise<PaneFake> {
  const record: PaneRecord = { activeSheet: null, selected: null, charts: [] };
  const fakeRun = fake.run as unknown as RunLike;
  await fakeRun(async (context) => {
    const worksheets = (context as unknown as { workbook: { worksheets: { getItemOrNullObject(n: string): { getRange(a: string): object } } } }).workbook.worksheets;
    const probe = worksheets.getItemOrNullObject('Probe');
    patchPrototypes(Object.getPrototypeOf(probe), Object.getPrototypeOf(probe.getRange('A1')));
  }).catch(() => undefined); // the probe's range sits on a null sheet; only its prototype mattered
  fake.resetStats();
  const run: RunLike = (batch) =>
    fakeRun(async (context) => {
      records.set(context as unknown as object, record);
      return batch(context);
    });
  return { run, record };
}
