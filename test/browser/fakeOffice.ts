/**
 * Stands in for Office.js in the browser tests: the page's office.js request is answered with
 * this bundle, so the built pane runs unchanged against the in-memory fake workbook. As in
 * Office, the workbook is not on the pane's thread: it lives in a Worker (fakeExcelWorker.ts),
 * each context.sync sends the queued requests there and resolves when the answer comes back as
 * a message, so the pane's code after a sync always runs on a later task and everything the
 * pane's thread does is the pane's own. Each sync can be slowed down so a running job stays on
 * screen long enough to watch and cancel.
 *
 * The workbook starts empty (Set up workbook fills it with the sample book) and window.q2cFake
 * reaches it for the tests' assertions; its reads are asynchronous (await them in page.evaluate).
 */
import { createFakeExcel, type FakeWorkbookSnapshot } from '../support/fakeExcel';
import type { PaneRecord } from '../taskpane/support/paneFakeExcel';
import type { RawCell } from '../../src/workbook/grid';
import { CONTEXT_ID, isLoadedItem, loadPaths, type FromExcel, type ObjectId, type Op, type RemoteError, type ToExcel } from './remoteExcel';

/** The worker's bundle, put in by the test's build (paneBrowser.ts). */
declare const FAKE_EXCEL_WORKER: string;

export interface BrowserFake {
  fake: {
    sheetNames(): Promise<string[]>;
    /** values of a sheet's used area from A1, '' as null */
    values(sheet: string): Promise<RawCell[][]>;
    /** how many rows `values` would have, without sending them */
    usedRows(sheet: string): Promise<number>;
    snapshot(): Promise<FakeWorkbookSnapshot>;
  };
  /** what the pane did beyond the Excel host: active sheet, selection, charts */
  record(): Promise<PaneRecord>;
  /** fills the workbook with the benchmark book of this many contracts; data rows per sheet */
  seedLargeBook(contracts: number): Promise<Record<string, number>>;
  /** milliseconds each context.sync waits before it is sent */
  syncDelayMs: number;
}

declare global {
  interface Window {
    q2cFake: BrowserFake;
  }
}

const worker = new Worker(URL.createObjectURL(new Blob([FAKE_EXCEL_WORKER], { type: 'text/javascript' })));
const waiting = new Map<string, (message: FromExcel) => void>();

worker.onmessage = (event: MessageEvent<FromExcel>) => {
  const message = event.data;
  const key = message.type === 'result' ? `call ${message.seq}` : `${message.type} ${message.run}`;
  const answer = waiting.get(key);
  waiting.delete(key);
  answer?.(message);
};

function ask<T extends FromExcel>(message: ToExcel, key: string): Promise<T> {
  return new Promise((resolve) => {
    waiting.set(key, resolve as (m: FromExcel) => void);
    worker.postMessage(message);
  });
}

/** An Office error as the pane sees one: name, message and code. */
function officeError(error: RemoteError): Error {
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}

let calls = 0;
async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const seq = ++calls;
  const answer = await ask<Extract<FromExcel, { type: 'result' }>>({ type: 'call', seq, method, args }, `call ${seq}`);
  if (answer.error) throw officeError(answer.error);
  return answer.value as T;
}

/** Properties the pane reads as values: read before they are loaded, they fail as in Office. */
const VALUE_PROPERTIES = new Set(['values', 'formulas', 'numberFormat', 'text', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'address', 'name', 'visibility', 'showTotals', 'style', 'items', 'value']);

type Id = ObjectId;

/** The requests of one Excel.run, recorded until the next sync, and what earlier syncs loaded. */
class Batch {
  ops: Op[] = [];
  loads: { id: Id; props: string[] }[] = [];
  probe: number[] = [];
  readonly loaded = new Map<Id, Map<string, unknown>>();
  readonly nulls = new Map<Id, boolean>();
  private nextId = CONTEXT_ID + 1;
  /** each proxy's id (members get theirs when first used as an object) */
  readonly refs = new WeakMap<object, () => Id>();
  private readonly members = new Map<Id, Map<string, unknown>>();

  newId(): number {
    return this.nextId++;
  }

  encode(value: unknown): unknown {
    const ref = typeof value === 'object' || typeof value === 'function' ? this.refs.get(value as object) : undefined;
    return ref ? { ref: ref() } : value;
  }

  object(id: Id): Record<string, unknown> {
    const proxy: Record<string, unknown> = new Proxy(
      {},
      {
        get: (_, name) => this.read(id, name),
        set: (_, name, value) => {
          this.write(id, name, value);
          return true;
        },
      },
    );
    this.refs.set(proxy, () => id);
    return proxy;
  }

  read(id: Id, name: string | symbol): unknown {
    if (typeof name === 'symbol' || name === 'then' || name === 'toJSON') return undefined;
    const loaded = this.loaded.get(id);
    if (loaded?.has(name)) return loaded.get(name);
    if (name === 'isNullObject') {
      if (this.nulls.has(id)) return this.nulls.get(id);
      throw officeError({ name: 'RichApi.Error', code: 'PropertyNotLoaded', message: 'isNullObject is not available before context.sync()' });
    }
    if (VALUE_PROPERTIES.has(name)) {
      throw officeError({ name: 'RichApi.Error', code: 'PropertyNotLoaded', message: `The property '${name}' is not available. Load it and call context.sync() first.` });
    }
    return this.member(id, name);
  }

  write(id: Id, name: string | symbol, value: unknown): void {
    if (typeof name === 'symbol') throw new Error('symbol properties do not cross to Excel');
    this.ops.push({ op: 'set', parent: id, name, value: this.encode(value) });
  }

  /** `parent.name`: a method to call, or a child object (format, fill, worksheets, ...); the same one each time, as in Office. */
  member(parent: Id, name: string): unknown {
    const members = this.members.get(parent) ?? new Map<string, unknown>();
    this.members.set(parent, members);
    if (!members.has(name)) members.set(name, this.newMember(parent, name));
    return members.get(name);
  }

  private newMember(parent: Id, name: string): unknown {
    let id: Id | null = null;
    const asObject = (): Id => {
      if (id === null) {
        id = this.newId();
        this.ops.push({ op: 'get', id, parent, name });
      }
      return id;
    };
    const proxy = new Proxy(function member() {}, {
      apply: (_, __, args: unknown[]) => {
        const called = this.newId();
        this.ops.push({ op: 'call', id: called, parent, name, args: args.map((a) => this.encode(a)) });
        if (name === 'load') {
          this.loads.push({ id: parent, props: loadPaths(args[0]) });
          return this.object(parent);
        }
        this.probe.push(called);
        return this.object(called);
      },
      get: (_, property) => this.read(asObject(), property),
      set: (_, property, value) => {
        this.write(asObject(), property, value);
        return true;
      },
    });
    this.refs.set(proxy, asObject);
    return proxy;
  }

  /** What a sync brought back: loaded values (collections' items as objects) and null objects. */
  receive(answer: Extract<FromExcel, { type: 'synced' }>): void {
    for (const [id, property, value] of answer.loaded) {
      const map = this.loaded.get(id) ?? new Map<string, unknown>();
      this.loaded.set(id, map);
      map.set(property, Array.isArray(value) && property === 'items' ? value.map((item) => this.item(item)) : value);
    }
    for (const [id, isNull] of answer.nulls) this.nulls.set(id, isNull);
  }

  private item(item: unknown): unknown {
    if (!isLoadedItem(item)) return item;
    this.loaded.set(item.item, new Map(Object.entries(item.props)));
    this.nulls.set(item.item, false);
    return this.object(item.item);
  }
}

const state = {} as BrowserFake;
let runs = 0;

async function run<T>(batchFunction: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const id = ++runs;
  const batch = new Batch();
  worker.postMessage({ type: 'run', run: id } satisfies ToExcel);
  const sync = async (): Promise<void> => {
    if (state.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.syncDelayMs));
    const { ops, loads, probe } = batch;
    batch.ops = [];
    batch.loads = [];
    batch.probe = [];
    const answer = await ask<Extract<FromExcel, { type: 'synced' }>>({ type: 'sync', run: id, ops, loads, probe }, `synced ${id}`);
    batch.receive(answer);
    if (answer.error) throw officeError(answer.error);
  };
  const context = { workbook: batch.read(CONTEXT_ID, 'workbook'), sync } as unknown as Excel.RequestContext;
  try {
    const result = await batchFunction(context);
    if (batch.ops.length > 0) await sync();
    return result;
  } finally {
    await ask({ type: 'end', run: id }, `ended ${id}`);
  }
}

Object.assign(state, {
  fake: {
    sheetNames: () => call('sheetNames'),
    values: (sheet: string) => call('values', sheet),
    usedRows: (sheet: string) => call('usedRows', sheet),
    snapshot: () => call('snapshot'),
  },
  record: () => call('record'),
  seedLargeBook: (contracts: number) => call('seedLargeBook', contracts),
  syncDelayMs: 0,
} satisfies BrowserFake);
window.q2cFake = state;
(window as unknown as { Excel: unknown }).Excel = { run };

// the requirement sets the fake answers to; this copy of it only answers that question
const requirements = createFakeExcel();
const info = { host: 'Excel', platform: 'OfficeOnline' };
(window as unknown as { Office: unknown }).Office = {
  HostType: { Excel: 'Excel', Word: 'Word' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  context: { requirements: { isSetSupported: (name: string, version?: string) => requirements.isSetSupported(name, version) } },
  onReady(callback?: (i: typeof info) => void) {
    // the fake is ready once it answers
    return call('sheetNames').then(() => {
      callback?.(info);
      return info;
    });
  },
};
