import { AmendedSchedule, applyAmendments, ContractLineRanges } from './amendments';
import { formatPercent } from './calculationText';
import { ONE } from './decimal';
import { Issue, issueAt } from './issue';
import type { BillingInputs, ContractLine, LineType, ProrationRow, ScheduleLine } from './model';
import { scheduleMilestoneLine } from './milestones';
import { contextFor, isoOrBlank, ScheduleOptions } from './scheduleContext';
import { scheduleRecurringLine } from './recurringSchedule';
import { scheduleUsageLine } from './usageSchedule';
import { matchKey } from './matchKey';
import { lineIdOf } from './lineId';

export { partialMethod } from './scheduleContext';
export type { ScheduleOptions } from './scheduleContext';

/**
 * The contracted billing schedule of a book (billing.md: Which lines are billed): each billable
 * line scheduled by its kind (recurringSchedule, usageSchedule, milestones), then the Amendments
 * sheet, then a deterministic sort.
 */

/** Stage blank or Closed Won is billed; anything else is not. */
export function isBillableStage(stage: string | null): boolean {
  if (stage === null) return true;
  const s = matchKey(stage);
  return s === '' || s === 'closed won';
}

// ------------------------------------------------------------ one contract line

/**
 * The schedule of one contract line as contracted (amendments are applied afterwards). Does not
 * look at Stage: buildBillingSchedule decides which lines are billed. Never throws: a line that
 * cannot be billed gives an Error Issue on the cell at fault and no schedule lines.
 */
export function scheduleContractLine(
  line: ContractLine,
  lineIndex: number,
  inputs: BillingInputs,
  options: ScheduleOptions = {},
): { lines: ScheduleLine[]; issues: Issue[] } {
  const lines: ScheduleLine[] = [];
  const issues: Issue[] = [];
  scheduleLineInto(line, lineIndex, inputs, options, lines, issues);
  return { lines, issues };
}

/** scheduleContractLine appending to the book's own lists: a whole book makes no list per line. */
function scheduleLineInto(
  line: ContractLine,
  lineIndex: number,
  inputs: BillingInputs,
  options: ScheduleOptions,
  out: ScheduleLine[],
  issues: Issue[],
): void {
  const first = out.length;
  try {
    if (!(line.endDate >= line.startDate)) {
      issues.push(issueAt('Bill', 'Error', line.source, 'endDate', isoOrBlank(line.endDate),
        `End Date is before Start Date (${isoOrBlank(line.startDate)}); line not billed`, 'Correct the Start Date, End Date or Term (Months)'));
      return;
    }
    if (line.discountPct.isNegative() || line.discountPct.gt(ONE)) {
      issues.push(issueAt('Bill', 'Error', line.source, 'discountPct', formatPercent(line.discountPct),
        'Discount % must be between 0% and 100%; line not billed', 'Correct the Discount %'));
      return;
    }
    const context = contextFor(inputs);
    switch (line.billingFrequency) {
      case 'Milestone': {
        let milestones = context.milestones.byLine.get(lineIndex) ?? [];
        const end = options.endDate;
        if (end !== undefined) milestones = milestones.filter((m) => m.date <= end);
        const scheduled = scheduleMilestoneLine(line, lineIndex, milestones, inputs.settings.rounding);
        for (const l of scheduled.lines) out.push(l);
        for (const issue of scheduled.issues) issues.push(issue);
        break;
      }
      case 'Usage':
        scheduleUsageLine(line, lineIndex, inputs.settings, context, options, out, issues);
        break;
      default:
        scheduleRecurringLine(line, lineIndex, inputs.settings, context, options, out, issues);
    }
  } catch (error) {
    out.length = first;
    issues.push(issueAt('Bill', 'Error', line.source, undefined, line.product,
      `Line could not be scheduled: ${error instanceof Error ? error.message : String(error)}`,
      'Check this line\'s dates, prices and quantities'));
  }
}

// ------------------------------------------------------------ the whole book

const LINE_TYPE_ORDER: Record<LineType, number> = {
  Recurring: 0, Credit: 1, Prorated: 2, Usage: 3, 'True-Up': 4, Milestone: 5,
};

/** Period and invoice dates of a sortable line lie within this many days of 1970 (years 1 to 47,900). */
const DAY_RANGE = 2 ** 24;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** IDs and products compare as trimmed, case-insensitive text; the exact text breaks ties. */
function compareKeyed(ka: string, a: string, kb: string, b: string): number {
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return compareKeyed(matchKey(a), a, matchKey(b), b);
}

/** Whole-number dates and a known line type: what sortSchedule's comparisons assume. */
function sortable(l: ScheduleLine): boolean {
  return Number.isInteger(l.periodStart) && Number.isInteger(l.invoiceDate) && LINE_TYPE_ORDER[l.lineType] !== undefined;
}

/** Schedule order on two lines (see sortSchedule); the same text compares as equal without a lookup. */
function compareLines(a: ScheduleLine, b: ScheduleLine): number {
  const ca = a.contract;
  const cb = b.contract;
  if (ca !== cb) {
    if (ca.contractId !== cb.contractId) {
      const byContract = compareText(ca.contractId, cb.contractId);
      if (byContract !== 0) return byContract;
    }
    if (ca.product !== cb.product) {
      const byProduct = compareText(ca.product, cb.product);
      if (byProduct !== 0) return byProduct;
    }
  }
  return compareWithinPair(a, b);
}

/** Schedule order after Contract ID and Product: Period Start, Invoice Date, line type, lineId. */
function compareWithinPair(a: ScheduleLine, b: ScheduleLine): number {
  return a.periodStart - b.periodStart || a.invoiceDate - b.invoiceDate
    || LINE_TYPE_ORDER[a.lineType] - LINE_TYPE_ORDER[b.lineType] || compareIds(lineIdOf(a), lineIdOf(b));
}

/**
 * Whether lines[from..to) are sortable and each comes strictly after the line before it (the
 * first after lines[from - 1]): then no other order of them is sorted, and the sort can be skipped.
 */
function inStrictOrder(lines: readonly ScheduleLine[], from: number, to: number): boolean {
  if (from === 0 && to > 0 && !sortable(lines[0])) return false;
  for (let i = Math.max(from, 1); i < to; i++) {
    if (!sortable(lines[i]) || !(compareLines(lines[i - 1], lines[i]) < 0)) return false;
  }
  return true;
}

/**
 * Deterministic order: Contract ID, Product, Period Start, Invoice Date, line type, lineId.
 * Sorts by a rank per (Contract ID, Product) so the per-line comparison is numeric; lines that
 * arrive nearly in order (as the schedule makes them) sort in close to linear time.
 */
export function sortSchedule(lines: readonly ScheduleLine[]): ScheduleLine[] {
  const n = lines.length;
  const byContract = new Map<string, Map<string, number>>();
  const pairs: { contractId: string; product: string }[] = [];
  const pairOfLine = new Int32Array(n);
  // (rank, Period Start) and (Invoice Date, line type) packed into two exact whole numbers each
  // line, so most comparisons read two typed arrays; dates outside +-2^24 days keep the long form
  const major = new Float64Array(n);
  const minor = new Float64Array(n);
  let packed = n < 2 ** 27;
  // One pass reads each line (a 300k-line book does not fit in cache); the rest reads typed arrays.
  // A contract line's lines come together: most lines share the previous line's pair.
  let lastContract: string | null = null;
  let lastProduct: string | null = null;
  let lastPair = -1;
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    const start = l.periodStart;
    const invoice = l.invoiceDate;
    const type = LINE_TYPE_ORDER[l.lineType] as number | undefined;
    if (packed) {
      packed = Number.isInteger(start) && Number.isInteger(invoice) && Math.abs(start) < DAY_RANGE && Math.abs(invoice) < DAY_RANGE && type !== undefined;
      major[i] = start + DAY_RANGE;
      minor[i] = (invoice + DAY_RANGE) * 8 + (type ?? 0);
    }
    const { contractId, product } = l.contract;
    if (contractId === lastContract && product === lastProduct) {
      pairOfLine[i] = lastPair;
      continue;
    }
    let products = byContract.get(contractId);
    if (!products) {
      products = new Map();
      byContract.set(contractId, products);
    }
    let pair = products.get(product);
    if (pair === undefined) {
      pair = pairs.length;
      pairs.push({ contractId, product });
      products.set(product, pair);
    }
    pairOfLine[i] = pair;
    lastContract = contractId;
    lastProduct = product;
    lastPair = pair;
  }
  const pairOrder = pairs.map((_, i) => i).sort((a, b) =>
    compareText(pairs[a].contractId, pairs[b].contractId) || compareText(pairs[a].product, pairs[b].product));
  const pairRank = new Int32Array(pairs.length);
  pairOrder.forEach((pair, rank) => { pairRank[pair] = rank; });
  const rankOf = new Int32Array(n);
  for (let i = 0; i < n; i++) rankOf[i] = pairRank[pairOfLine[i]];
  if (packed) for (let i = 0; i < n; i++) major[i] += rankOf[i] * 2 * DAY_RANGE;
  const compare = packed
    ? (a: number, b: number): number => major[a] - major[b] || minor[a] - minor[b] || compareIds(lineIdOf(lines[a]), lineIdOf(lines[b]))
    : (a: number, b: number): number => rankOf[a] - rankOf[b] || compareWithinPair(lines[a], lines[b]);
  // The lines arrive in order but for those amendments added at the end: sort only what follows
  // the ordered run and merge the two, taking the earlier line on a tie (as a stable sort would).
  let ordered = 1;
  while (ordered < n && compare(ordered - 1, ordered) <= 0) ordered++;
  if (ordered >= n) return lines.slice();
  const tail = new Array<number>(n - ordered);
  for (let i = ordered; i < n; i++) tail[i - ordered] = i;
  tail.sort(compare);
  const sorted = new Array<ScheduleLine>(n);
  let a = 0;
  let b = 0;
  for (let out = 0; out < n; out++) {
    sorted[out] = b >= tail.length || (a < ordered && compare(a, tail[b]) <= 0) ? lines[a++] : lines[tail[b++]];
  }
  return sorted;
}

/**
 * The Billing Schedule of the whole book: each billable line's schedule (Stage blank or Closed
 * Won; one Warning per contract otherwise), then the Amendments sheet, then a deterministic sort.
 */
export function buildBillingSchedule(inputs: BillingInputs): { lines: ScheduleLine[]; proration: ProrationRow[]; issues: Issue[] } {
  const context = contextFor(inputs);
  const contracts = inputs.contracts;
  const issues: Issue[] = [];
  const lines: ScheduleLine[] = [];
  // generate in sorted order so the final sort finds long runs already in place
  const contractKeys = contracts.map((l) => matchKey(l.contractId));
  const productKeys = contracts.map((l) => matchKey(l.product));
  const order = contracts.map((_, i) => i).sort((a, b) => {
    const la = contracts[a];
    const lb = contracts[b];
    return compareKeyed(contractKeys[a], la.contractId, contractKeys[b], lb.contractId)
      || compareKeyed(productKeys[a], la.product, productKeys[b], lb.product)
      || la.startDate - lb.startDate || a - b;
  });
  const warned = new Set<string>();
  // where each contract line's lines sit in `lines`, so amendments find them without a search
  const ranges: ContractLineRanges = { from: new Int32Array(contracts.length), to: new Int32Array(contracts.length) };
  // lines are made in schedule order as a rule; checking each as it is made (still in cache)
  // spares the sort reading the whole book again
  let ordered = true;
  for (const index of order) {
    const line = contracts[index];
    if (!isBillableStage(line.stage)) {
      const contractKey = matchKey(line.contractId);
      if (!warned.has(contractKey)) {
        warned.add(contractKey);
        issues.push(issueAt('Bill', 'Warning', line.source, 'stage', line.stage ?? '',
          `Contract ${line.contractId} is not Closed Won (Stage ${line.stage ?? ''}); its lines with that Stage are not billed`,
          'Bill it once the opportunity is Closed Won (or clear the Stage)'));
      }
      continue;
    }
    const from = lines.length;
    ranges.from[index] = from;
    scheduleLineInto(line, index, inputs, {}, lines, issues);
    ranges.to[index] = lines.length;
    if (ordered) ordered = inStrictOrder(lines, from, lines.length);
  }
  for (const issue of context.usage.issues) issues.push(issue);
  for (const issue of context.milestones.issues) issues.push(issue);
  const amended = applyAmendments(inputs, lines, ranges);
  for (const issue of amended.issues) issues.push(issue);
  const inPlace = ordered ? amendedInPlace(lines, order, ranges, amended) : null;
  return { lines: inPlace ?? sortSchedule(amended.lines()), proration: amended.proration, issues };
}

/**
 * The amended schedule without a sort: each amended contract line's lines, sorted among
 * themselves, where its contracted lines were. Null unless every line then comes strictly after
 * the one before (the book was made in order, and amendments kept each contract line within its
 * neighbours): then this is the one order sortSchedule would give. Lines Add Product brings in
 * belong elsewhere, so they always go through sortSchedule.
 */
function amendedInPlace(
  lines: ScheduleLine[],
  order: readonly number[],
  ranges: ContractLineRanges,
  amended: AmendedSchedule,
): ScheduleLine[] | null {
  const replaced = amended.linesByContractLine;
  if (amended.addedProducts.length > 0) return null;
  if (replaced.size === 0) return lines;
  let size = lines.length;
  for (const [index, own] of replaced) size += own.length - (ranges.to[index] - ranges.from[index]);
  const out = new Array<ScheduleLine>(size);
  let at = 0;
  for (const index of order) {
    const own = replaced.get(index);
    if (own === undefined) {
      // checked when made: only its first line's place after the line before is new
      const from = ranges.from[index];
      const to = ranges.to[index];
      if (from === to) continue;
      if (at > 0 && !(compareLines(out[at - 1], lines[from]) < 0)) return null;
      for (let i = from; i < to; i++) out[at++] = lines[i];
      continue;
    }
    const start = at;
    for (const l of [...own].sort(compareLines)) out[at++] = l;
    if (!inStrictOrder(out, start, at)) return null;
  }
  return at === size ? out : null;
}
