/// <reference lib="webworker" />
/**
 * The fake workbook (test/support/fakeExcel.ts, with the pane's extras) in a Worker of its own,
 * as Excel is outside the pane's thread in Office: its work and its memory never land on the
 * pane's thread, so what the browser tests measure there is the pane's own. It replays the
 * requests fakeOffice.ts records on the page (remoteExcel.ts) and answers test helper calls.
 */
import { createFakeExcel } from '../support/fakeExcel';
import { extendFakeForPane } from '../taskpane/support/paneFakeExcel';
import { seedLargeBook } from './largeBook';
import { CONTEXT_ID, errorOf, isRef, type FromExcel, type LoadedItem, type ObjectId, type Op, type RemoteError, type ToExcel } from './remoteExcel';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const fake = createFakeExcel({ Sheet1: [] });
const pane = extendFakeForPane(fake);

type Objects = Map<ObjectId, unknown>;
type Dynamic = Record<string, unknown>;

/** Messages for runs, in order, each run taking its own when it is ready for them. */
const inboxes = new Map<number, { queue: ToExcel[]; wake: (() => void) | null }>();

function inbox(run: number) {
  let box = inboxes.get(run);
  if (!box) {
    box = { queue: [], wake: null };
    inboxes.set(run, box);
  }
  return box;
}

async function nextMessage(run: number): Promise<ToExcel> {
  const box = inbox(run);
  while (box.queue.length === 0) await new Promise<void>((resolve) => (box.wake = resolve));
  return box.queue.shift() as ToExcel;
}

function post(message: FromExcel): void {
  scope.postMessage(message);
}

function replay(objects: Objects, op: Op): void {
  const parent = objects.get(op.parent) as Dynamic | undefined;
  if (parent === undefined || parent === null) throw new Error(`The fake has no object ${String(op.parent)} for '${op.name}'`);
  const value = (v: unknown) => (isRef(v) ? objects.get(v.ref) : v);
  if (op.op === 'get') objects.set(op.id, parent[op.name]);
  else if (op.op === 'set') parent[op.name] = value(op.value);
  else objects.set(op.id, (parent[op.name] as (...args: unknown[]) => unknown)(...op.args.map(value)));
}

/** Loaded values as they travel back: collections' items become references with their loaded properties. */
function loadedValues(objects: Objects, id: ObjectId, paths: string[], counter: { next: number }): [ObjectId, string, unknown][] {
  const target = objects.get(id) as Dynamic;
  const wanted = new Map<string, string[]>();
  for (const path of paths) {
    const [top, ...rest] = path.split('/');
    const subs = wanted.get(top) ?? [];
    if (rest.length > 0) subs.push(rest.join('/'));
    wanted.set(top, subs);
  }
  const out: [ObjectId, string, unknown][] = [];
  for (const [top, subs] of wanted) {
    let value: unknown;
    try {
      value = target[top];
    } catch {
      continue; // not loaded on this object (a null object): reading it on the page fails as in Office
    }
    if (top === 'items' && Array.isArray(value)) {
      value = value.map((item: Dynamic): LoadedItem => {
        const ref = `w${counter.next++}`;
        objects.set(ref, item);
        const props: Record<string, unknown> = {};
        for (const sub of subs.length > 0 ? subs : ['name']) props[sub] = item[sub];
        return { item: ref, props };
      });
    }
    out.push([id, top, value]);
  }
  return out;
}

async function serveRun(run: number): Promise<void> {
  const { run: paneRun } = await pane;
  try {
    await paneRun(async (context) => {
      const objects: Objects = new Map([[CONTEXT_ID, context]]);
      const counter = { next: 1 };
      for (;;) {
        const message = await nextMessage(run);
        if (message.type !== 'sync') return;
        let error: RemoteError | undefined;
        try {
          for (const op of message.ops) replay(objects, op);
          await context.sync();
        } catch (failure) {
          error = errorOf(failure);
        }
        const loaded = error ? [] : message.loads.flatMap((load) => loadedValues(objects, load.id, load.props, counter));
        const nulls: [number, boolean][] = [];
        for (const id of message.probe) {
          try {
            nulls.push([id, (objects.get(id) as { isNullObject: boolean }).isNullObject]);
          } catch {
            // not resolved (a call that is no Excel object, or a failed request)
          }
        }
        post({ type: 'synced', run, loaded, nulls, ...(error ? { error } : {}) });
      }
    });
  } catch {
    // the page has its answer for every sync already; the run only closes here
  } finally {
    inboxes.delete(run);
    post({ type: 'ended', run });
  }
}

const helpers: Record<string, (...args: never[]) => unknown> = {
  sheetNames: () => fake.sheetNames(),
  values: (sheet: string) => fake.values(sheet),
  usedRows: (sheet: string) => fake.values(sheet).length,
  snapshot: () => fake.snapshot(),
  record: async () => (await pane).record,
  seedLargeBook: (contracts: number) => seedLargeBook(fake, contracts),
};

scope.onmessage = (event: MessageEvent<ToExcel>) => {
  const message = event.data;
  if (message.type === 'call') {
    Promise.resolve()
      .then(() => (helpers[message.method] as (...args: unknown[]) => unknown)(...message.args))
      .then(
        (value) => post({ type: 'result', seq: message.seq, value }),
        (error: unknown) => post({ type: 'result', seq: message.seq, error: errorOf(error) }),
      );
    return;
  }
  if (message.type === 'run') {
    void serveRun(message.run);
    return;
  }
  const box = inbox(message.run);
  box.queue.push(message);
  box.wake?.();
  box.wake = null;
};
