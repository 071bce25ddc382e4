/**
 * The messages between the browser test's Office.js stand-in on the pane's page and the fake
 * workbook, which lives in a Worker as Excel lives outside the pane's thread in Office. The page
 * records what the pane asks of the Excel objects (property reads of children, method calls,
 * property sets, loads) and sends them at each context.sync; the worker replays them on the fake,
 * syncs it, and answers with the loaded values. No jest and no node imports: both sides are
 * bundled for the browser.
 */

/** An Excel object by the number the page gave it, or an item of a loaded collection by the worker's. */
export type Ref = { ref: ObjectId };

/** An object's number: the page's for objects it made, the worker's ('w1', ...) for collection items. */
export type ObjectId = number | string;

export type Op =
  | { op: 'get'; id: number; parent: ObjectId; name: string }
  | { op: 'call'; id: number; parent: ObjectId; name: string; args: unknown[] }
  | { op: 'set'; parent: ObjectId; name: string; value: unknown };

/** A loaded collection's item: its reference and the properties loaded with it. */
export interface LoadedItem {
  item: string;
  props: Record<string, unknown>;
}

export interface RemoteError {
  name: string;
  code?: string;
  message: string;
}

export type ToExcel =
  | { type: 'run'; run: number }
  | { type: 'sync'; run: number; ops: Op[]; loads: { id: ObjectId; props: string[] }[]; probe: number[] }
  | { type: 'end'; run: number }
  | { type: 'call'; seq: number; method: string; args: unknown[] };

export type FromExcel =
  | { type: 'synced'; run: number; loaded: [ObjectId, string, unknown][]; nulls: [number, boolean][]; error?: RemoteError }
  | { type: 'ended'; run: number }
  | { type: 'result'; seq: number; value?: unknown; error?: RemoteError };

/** The root object of a run's context: `context.workbook` is a 'get' of it. */
export const CONTEXT_ID = 0;

export function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && 'ref' in value && Object.keys(value).length === 1;
}

export function isLoadedItem(value: unknown): value is LoadedItem {
  return typeof value === 'object' && value !== null && 'item' in value && 'props' in value;
}

/** 'items/name,items/showTotals' or ['values', 'text'] as property paths. */
export function loadPaths(properties: unknown): string[] {
  const text = typeof properties === 'string' ? properties.split(',') : Array.isArray(properties) ? properties.map(String) : typeof properties === 'object' && properties !== null && 'select' in properties ? String((properties as { select: unknown }).select).split(',') : [];
  return text.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function errorOf(error: unknown): RemoteError {
  const code = (error as { code?: unknown }).code;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
