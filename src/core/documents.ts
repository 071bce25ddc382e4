import { type CalendarDate, firstOfMonth, toCompact, toISO } from './calendarDate';
import { Decimal, ZERO, sum } from './decimal';
import { FxTable, UnitConversion, toReportingCurrency } from './fx';
import { type Issue, issueAt } from './issue';
import type { BilledLine, BillRun, BillingDocument, BillingInputs, ContractLine, DocumentKind, ScheduleLine, TaxRate } from './model';
import { type Rounding, minorUnits, roundMoney } from './money';
import { isListedJurisdiction, jurisdictionKey, taxRateOn } from './tax';
import { lineIdOf } from './lineId';
import {
  addUnits, canDivide, decimalOfUnits, floorDivide, multiplyUnits, scaledOf, unitsOf,
} from './unitAmounts';

/**
 * Draft Invoices (billing.md, "Documents: invoices and credit memos"): groups the Billing
 * Schedule into invoices and credit memos, numbers them, computes tax per document and
 * jurisdiction, and converts each line to the reporting currency.
 */
export function buildDocuments(
  lines: ScheduleLine[],
  inputs: BillingInputs,
  options: { linesAreOurs?: boolean } = {},
): { lines: BilledLine[]; documents: BillingDocument[]; issues: Issue[] } {
  const issues: Issue[] = [];
  // Tax, totals and numbers are added to the lines. A caller that hands over lines nobody else
  // holds (billBook's fresh schedule) has them added in place: a million-line book is then
  // not held twice. Anyone else's lines are copied first and left as they were. Every line gets
  // the four fields in the same order, so all of them keep one shape.
  let billed: BilledLine[];
  if (options.linesAreOurs) {
    for (const line of lines) {
      const adding = line as BilledLine;
      adding.tax = ZERO;
      adding.total = line.netAmount;
      adding.documentNumber = null;
      adding.reportingAmount = null;
    }
    billed = lines as BilledLine[];
  } else {
    billed = lines.map((line) => ({ ...line, tax: ZERO, total: line.netAmount, documentNumber: null, reportingAmount: null }));
  }
  const keys = new GroupKeys();
  const { groups, sameDay } = groupIntoDocuments(billed, keys);
  numberDocuments(sameDay, keys);

  // Only charges that some credit names are ever looked up by line id (credits are few).
  const creditedIds = new Set<string>();
  for (const line of billed) if (line.lineType === 'Credit' && line.creditOf !== null) creditedIds.add(line.creditOf);
  // the lines those credits name, each with its ID as text (spelled out only when there are credits)
  const credited = new Map<BilledLine, string>();
  const byLineId = new Map<string, BilledLine>();
  if (creditedIds.size > 0) {
    for (const line of billed) {
      const id = lineIdOf(line);
      if (!creditedIds.has(id)) continue;
      credited.set(line, id);
      if (!byLineId.has(id)) byLineId.set(id, line);
    }
  }

  const taxLookup = new TaxLookup(inputs.contracts, inputs.taxRates);
  const chargeTax = new Map<string, ChargeTax>();
  for (const group of groups) {
    if (group.kind === 'Invoice') taxInvoice(group, inputs, chargeTax, taxLookup, credited);
  }
  taxCredits(groups, inputs, chargeTax, taxLookup);
  issues.push(...taxLookup.issues);

  issues.push(...convertToReportingCurrency(billed, inputs));

  const billRuns = new BillRuns(inputs.settings.asOfDate);
  const documents = groups.map((group) => toDocument(group, inputs, byLineId, billRuns));
  return { lines: billed, documents, issues };
}

/** Per-run memo of the texts every line would otherwise recompute: contract keys, compact dates. */
class GroupKeys {
  private readonly contractKeys = new Map<string, string>();
  private readonly compactDates = new Map<number, string>();

  contractKey(contractId: string): string {
    let found = this.contractKeys.get(contractId);
    if (found === undefined) {
      found = contractId.trim().toUpperCase();
      this.contractKeys.set(contractId, found);
    }
    return found;
  }

  compact(date: CalendarDate): string {
    let found = this.compactDates.get(date);
    if (found === undefined) {
      found = toCompact(date);
      this.compactDates.set(date, found);
    }
    return found;
  }
}

// ------------------------------------------------------------------ grouping and numbering

interface DocumentGroup {
  kind: DocumentKind;
  contractKey: string;
  contractId: string;
  billingEntity: string;
  currency: string;
  invoiceDate: CalendarDate;
  /** in compareLines order */
  lines: BilledLine[];
  number: string;
  taxFlagged: boolean;
  /** position of contractKey in text order, so sorting documents compares numbers */
  contractRank: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text order with digit runs compared as numbers, so line "…|2" comes before "…|10". */
function compareNatural(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (i % 2 === 1) {
      const p = x[i].replace(/^0+/, '');
      const q = y[i].replace(/^0+/, '');
      if (p.length !== q.length) return p.length - q.length;
      if (p !== q) return p < q ? -1 : 1;
    }
    return compareText(x[i], y[i]);
  }
  return x.length - y.length;
}

/**
 * The order of lines on a document, and the tie-break of the tax allocation: by service
 * period, then line id. It depends on the lines alone, never on the order they arrived in.
 */
function compareLines(a: BilledLine, b: BilledLine): number {
  return a.periodStart - b.periodStart || a.periodEnd - b.periodEnd || compareNatural(lineIdOf(a), lineIdOf(b));
}

const KIND_ORDER: Record<DocumentKind, number> = { Invoice: 0, 'Credit Memo': 1 };
const KINDS: DocumentKind[] = ['Invoice', 'Credit Memo'];

/**
 * Documents by contract and invoice date first (a handful per day), then by kind, Billing
 * Entity and Currency within that day: no composite text key per line.
 */
function groupIntoDocuments(lines: BilledLine[], keys: GroupKeys): { groups: DocumentGroup[]; sameDay: DocumentGroup[][] } {
  const byContract = new Map<string, Map<number, DocumentGroup[]>>();
  const sameDay: DocumentGroup[][] = [];
  const groups: DocumentGroup[] = [];
  let lastContractId: string | null = null;
  let lastContractKey = '';
  let lastDays: Map<number, DocumentGroup[]> | undefined;
  for (const line of lines) {
    const kind: DocumentKind = line.lineType === 'Credit' ? 'Credit Memo' : 'Invoice';
    if (line.contract.contractId !== lastContractId || lastDays === undefined) {
      lastContractId = line.contract.contractId;
      lastContractKey = keys.contractKey(line.contract.contractId);
      lastDays = byContract.get(lastContractKey);
      if (lastDays === undefined) {
        lastDays = new Map();
        byContract.set(lastContractKey, lastDays);
      }
    }
    let day = lastDays.get(line.invoiceDate);
    if (day === undefined) {
      day = [];
      lastDays.set(line.invoiceDate, day);
      sameDay.push(day);
    }
    let group: DocumentGroup | undefined;
    for (const candidate of day) {
      if (candidate.kind === kind && candidate.billingEntity === line.contract.billingEntity && candidate.currency === line.contract.currency) {
        group = candidate;
        break;
      }
    }
    if (!group) {
      group = {
        kind, contractKey: lastContractKey, contractId: line.contract.contractId.trim(), billingEntity: line.contract.billingEntity,
        currency: line.contract.currency, invoiceDate: line.invoiceDate, lines: [], number: '', taxFlagged: false, contractRank: 0,
      };
      day.push(group);
      groups.push(group);
    }
    group.lines.push(line);
  }
  for (const group of groups) {
    if (group.lines.length > 1) group.lines.sort(compareLines);
    group.contractId = group.lines[0].contract.contractId.trim();
  }
  const contractRank = new Map<string, number>();
  [...byContract.keys()].sort(compareText).forEach((key, i) => contractRank.set(key, i));
  for (const group of groups) group.contractRank = contractRank.get(group.contractKey) as number;
  groups.sort(
    (a, b) =>
      a.invoiceDate - b.invoiceDate ||
      a.contractRank - b.contractRank ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compareText(a.billingEntity, b.billingEntity) ||
      compareText(a.currency, b.currency),
  );
  return { groups, sameDay };
}

/**
 * INV-<Contract ID>-<yyyymmdd>, then -2, -3 for further (Billing Entity, Currency) pairs of the
 * same contract, kind and day. The suffix depends only on that day's own documents, so a
 * re-run (or a new invoice on another day) never renumbers an existing one.
 */
function numberDocuments(sameDay: DocumentGroup[][], keys: GroupKeys): void {
  for (const day of sameDay) {
    for (const kind of KINDS) {
      const list = day.length === 1 ? (day[0].kind === kind ? day : []) : day.filter((g) => g.kind === kind);
      if (list.length === 0) continue;
      if (list.length > 1) list.sort((a, b) => compareText(a.billingEntity, b.billingEntity) || compareText(a.currency, b.currency));
      const prefix = kind === 'Invoice' ? 'INV' : 'CM';
      const base = `${prefix}-${list[0].contractId}-${keys.compact(list[0].invoiceDate)}`;
      list.forEach((group, i) => {
        group.number = i === 0 ? base : `${base}-${i + 1}`;
        for (const line of group.lines) line.documentNumber = group.number;
      });
    }
  }
}

// ------------------------------------------------------------------ tax

/** How a charge was taxed, so a credit of it can mirror (and never exceed) that tax. */
type ChargeTax =
  | { status: 'taxed'; rate: Decimal; /** tax on the charge not yet given back by credits */ creditable: Decimal }
  | { status: 'untaxed' }
  | { status: 'flagged' };

type LineTaxRule = { status: 'untaxed' } | { status: 'flagged' } | { status: 'taxed'; jurisdiction: string; rate: Decimal };

const UNTAXED: LineTaxRule = { status: 'untaxed' };

/**
 * The run's tax look-ups (memoised per jurisdiction and date: a book asks the same question
 * for every monthly line) and its Issues: one Error per contract line, jurisdiction and kind of
 * problem, at the line's Tax Jurisdiction cell.
 */
class TaxLookup {
  readonly issues: Issue[] = [];
  private readonly seen = new Set<string>();
  /** jurisdiction as written -> its key and that key's rates by date */
  private readonly byJurisdiction = new Map<string, { key: string; rates: Map<number, ReturnType<typeof taxRateOn>> }>();
  private readonly scaledRates = new Map<Decimal, { units: number; places: number } | null>();
  constructor(private readonly contracts: ContractLine[], private readonly taxRates: TaxRate[]) {}

  private entry(jurisdiction: string): { key: string; rates: Map<number, ReturnType<typeof taxRateOn>> } {
    let entry = this.byJurisdiction.get(jurisdiction);
    if (entry === undefined) {
      const key = jurisdictionKey(jurisdiction);
      const sameKey = [...this.byJurisdiction.values()].find((e) => e.key === key);
      entry = { key, rates: sameKey ? sameKey.rates : new Map() };
      this.byJurisdiction.set(jurisdiction, entry);
    }
    return entry;
  }

  keyOf(jurisdiction: string): string {
    return this.entry(jurisdiction).key;
  }

  rateOn(jurisdiction: string, date: CalendarDate): ReturnType<typeof taxRateOn> {
    const { rates } = this.entry(jurisdiction);
    let found = rates.get(date);
    if (found === undefined) {
      found = taxRateOn(this.taxRates, jurisdiction, date);
      rates.set(date, found);
    }
    return found;
  }

  /** A tax rate as an integer over a power of ten, once per rate. */
  scaled(rate: Decimal): { units: number; places: number } | null {
    let found = this.scaledRates.get(rate);
    if (found === undefined) {
      found = scaledOf(rate);
      this.scaledRates.set(rate, found);
    }
    return found;
  }

  report(line: BilledLine, jurisdiction: string, problem: string, fix: string): void {
    const key = JSON.stringify([line.contract.contractLineIndex, jurisdictionKey(jurisdiction), problem]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const contract = this.contracts[line.contract.contractLineIndex];
    if (contract) {
      this.issues.push(issueAt('Bill', 'Error', contract.source, 'taxJurisdiction', jurisdiction, problem, fix));
    } else {
      this.issues.push({
        job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts', column: 'Tax Jurisdiction',
        value: jurisdiction, problem, fix,
      });
    }
  }
}

function taxRuleFor(line: BilledLine, date: CalendarDate, inputs: BillingInputs, taxLookup: TaxLookup): LineTaxRule {
  const jurisdiction = line.contract.taxJurisdiction?.trim() ?? '';
  if (line.contract.taxExempt || jurisdiction === '') return UNTAXED;
  const found = taxLookup.rateOn(jurisdiction, date);
  if (found === 'duplicate') {
    taxLookup.report(
      line, jurisdiction,
      `Tax Jurisdiction ${jurisdiction} has more than one Tax Rates row in force on ${toISO(date)}; ${line.contract.contractId} is billed untaxed and its documents are flagged`,
      'Keep one Tax Rates row per Jurisdiction and Effective From, then run Bill again',
    );
    return { status: 'flagged' };
  }
  if (found === 'unknown') {
    const listed = isListedJurisdiction(inputs.taxRates, jurisdiction);
    taxLookup.report(
      line, jurisdiction,
      listed
        ? `No Tax Rates row for ${jurisdiction} is in force on ${toISO(date)} (every Effective From is later); ${line.contract.contractId} is billed untaxed and its documents are flagged`
        : `Tax Jurisdiction ${jurisdiction} is not on the Tax Rates sheet; ${line.contract.contractId} is billed untaxed and its documents are flagged`,
      listed
        ? `Add a Tax Rates row for ${jurisdiction} effective on or before ${toISO(date)}, then run Bill again`
        : `Add ${jurisdiction} to Tax Rates (or correct the jurisdiction, or mark the line Tax Exempt), then run Bill again`,
    );
    return { status: 'flagged' };
  }
  return { status: 'taxed', jurisdiction: taxLookup.keyOf(jurisdiction), rate: found.rate };
}

/** An amount with at most `places` decimals as a whole number of its smallest units. */
function toUnits(value: Decimal, places: number): bigint {
  return BigInt(value.toFixed(places).replace('.', ''));
}

/**
 * Shares `total` among lines pro rata to `weights` in whole minor units, by largest remainder
 * (ties to the earlier line), so the shares add up to `total` exactly. Integer arithmetic
 * throughout: the remainders are exact, so the ranking never depends on a rounding.
 */
export function allocateByLargestRemainder(total: Decimal, weights: Decimal[], places: number): Decimal[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [total];
  const weightPlaces = Math.max(0, ...weights.map((w) => w.decimalPlaces()));
  const units = toUnits(total, places);
  let w = weights.map((x) => toUnits(x, weightPlaces));
  let weightSum = w.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return weights.map((_, i) => (i === 0 ? total : ZERO));
  if (weightSum < 0n) {
    w = w.map((x) => -x);
    weightSum = -weightSum;
  }
  const base: bigint[] = [];
  const remainders: bigint[] = [];
  for (const weight of w) {
    const numerator = units * weight;
    let share = numerator / weightSum;
    if (numerator % weightSum < 0n) share -= 1n; // floor, not truncation
    base.push(share);
    remainders.push(numerator - share * weightSum);
  }
  let leftover = Number(units - base.reduce((a, b) => a + b, 0n));
  const ranking = remainders
    .map((remainder, index) => ({ index, remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; leftover > 0; i = (i + 1) % ranking.length, leftover--) {
    base[ranking[i].index] += 1n;
  }
  return base.map((b) => (b === 0n ? ZERO : new Decimal(`${b}e-${places}`)));
}

function setTax(line: BilledLine, tax: Decimal): void {
  // a negated or rounded-away zero would show as -0 in a cell
  line.tax = tax.isZero() ? ZERO : tax;
  line.total = line.netAmount.plus(tax);
}

function taxInvoice(
  group: DocumentGroup,
  inputs: BillingInputs,
  chargeTax: Map<string, ChargeTax>,
  taxLookup: TaxLookup,
  credited: Map<BilledLine, string>,
): void {
  const { rounding } = inputs.settings;
  // in first-seen order; most documents have one jurisdiction, so no Map until a second one
  let buckets: { jurisdiction: string; rate: Decimal; lines: BilledLine[] }[] | null = null;
  for (const line of group.lines) {
    const rule = taxRuleFor(line, group.invoiceDate, inputs, taxLookup);
    if (rule.status !== 'taxed') {
      if (rule.status === 'flagged') group.taxFlagged = true;
      const id = credited.get(line);
      if (id !== undefined) chargeTax.set(id, { status: rule.status });
      continue;
    }
    buckets ??= [];
    const bucket = buckets.find((b) => b.jurisdiction === rule.jurisdiction);
    if (bucket) bucket.lines.push(line);
    else buckets.push({ jurisdiction: rule.jurisdiction, rate: rule.rate, lines: [line] });
  }
  if (buckets === null) return;
  const places = minorUnits(group.currency);
  for (const { rate, lines } of buckets) {
    const inUnits = taxSharesInUnits(lines, taxLookup.scaled(rate), places, rounding);
    if (inUnits) {
      lines.forEach((line, i) => {
        const share = inUnits.shares[i];
        line.tax = decimalOfUnits(share, places);
        line.total = decimalOfUnits(inUnits.nets[i] + share, places);
        const id = credited.get(line);
        if (id !== undefined) chargeTax.set(id, { status: 'taxed', rate, creditable: line.tax });
      });
      continue;
    }
    const taxableNet = sum(lines.map((l) => l.netAmount));
    const documentTax = roundMoney(taxableNet.times(rate), group.currency, rounding);
    const shares = allocateByLargestRemainder(documentTax, lines.map((l) => l.netAmount), places);
    lines.forEach((line, i) => {
      setTax(line, shares[i]);
      const id = credited.get(line);
      if (id !== undefined) chargeTax.set(id, { status: 'taxed', rate, creditable: shares[i] });
    });
  }
}

/**
 * The same document tax and largest-remainder allocation as the Decimal path below it, in
 * whole minor units: exact whenever every Net Amount is a whole number of minor units and no
 * product leaves the safe-integer range; null otherwise (the caller then uses Decimals).
 * Weighting by minor units instead of by the nets' own decimals scales every weight and every
 * remainder by one common factor, so the shares and their ranking are the same.
 */
function taxSharesInUnits(
  lines: BilledLine[],
  rate: { units: number; places: number } | null,
  places: number,
  rounding: Rounding,
): { nets: number[]; shares: number[] } | null {
  if (rate === null) return null;
  const nets: number[] = [];
  let taxableNet = 0;
  for (const line of lines) {
    const net = unitsOf(line.netAmount, places);
    if (net === null) return null;
    const next = addUnits(taxableNet, net);
    if (next === null) return null;
    nets.push(net);
    taxableNet = next;
  }
  const documentTax = multiplyUnits(taxableNet, places, rate.units, rate.places, places, rounding);
  if (documentTax === null) return null;
  if (nets.length === 1) return { nets, shares: [documentTax] };
  if (taxableNet === 0) return { nets, shares: nets.map((_, i) => (i === 0 ? documentTax : 0)) };
  const sign = taxableNet < 0 ? -1 : 1;
  const weightSum = taxableNet * sign;
  const shares: number[] = [];
  const remainders: number[] = [];
  let allocated = 0;
  for (const net of nets) {
    const numerator = documentTax * net * sign;
    if (!canDivide(numerator, weightSum)) return null;
    const [share, remainder] = floorDivide(numerator, weightSum);
    shares.push(share);
    remainders.push(remainder);
    allocated += share;
  }
  if (!Number.isSafeInteger(allocated)) return null;
  let leftover = documentTax - allocated;
  const ranking = remainders
    .map((remainder, index) => ({ index, remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; leftover > 0; i = (i + 1) % ranking.length, leftover--) {
    shares[ranking[i].index] += 1;
  }
  if (shares.some((share, i) => !Number.isSafeInteger(nets[i] + share))) return null;
  return { nets, shares: shares.map((share) => (share === 0 ? 0 : share)) };
}

/**
 * A credit line's tax mirrors the charge it credits: -round(credited Net x that charge's rate),
 * capped so that all credits of one charge never give back more tax than the charge carried.
 * Credits are taken in invoice-date order, so the cap falls on the latest credit.
 */
function taxCredits(
  groups: DocumentGroup[],
  inputs: BillingInputs,
  chargeTax: Map<string, ChargeTax>,
  taxLookup: TaxLookup,
): void {
  const { rounding } = inputs.settings;
  const groupOf = new Map<BilledLine, DocumentGroup>();
  for (const group of groups) {
    if (group.kind === 'Credit Memo') for (const line of group.lines) groupOf.set(line, group);
  }
  const credits = [...groupOf.keys()].sort(
    (a, b) => a.invoiceDate - b.invoiceDate || compareLines(a, b),
  );
  for (const credit of credits) {
    const group = groupOf.get(credit)!;
    // chargeTax holds only charges some credit names, by the ID the credit names them with
    const charge = credit.creditOf !== null ? chargeTax.get(credit.creditOf) : undefined;
    if (charge) {
      if (charge.status === 'flagged') group.taxFlagged = true;
      if (charge.status !== 'taxed') continue;
      let giveBack = roundMoney(credit.netAmount.negated().times(charge.rate), credit.contract.currency, rounding);
      if (giveBack.isPositive()) {
        const room = Decimal.max(ZERO, charge.creditable);
        giveBack = Decimal.min(giveBack, room);
        charge.creditable = charge.creditable.minus(giveBack);
      }
      setTax(credit, giveBack.negated());
      continue;
    }
    // A credit the schedule did not tie to a charge: taxed on its own terms, on its own date.
    const rule = taxRuleFor(credit, credit.invoiceDate, inputs, taxLookup);
    if (rule.status === 'flagged') group.taxFlagged = true;
    if (rule.status !== 'taxed') continue;
    setTax(credit, roundMoney(credit.netAmount.times(rule.rate), credit.contract.currency, rounding));
  }
}

// ------------------------------------------------------------------ reporting currency

/** Reporting Amount per line; one Warning per currency and invoice date without a rate. */
function convertToReportingCurrency(lines: BilledLine[], inputs: BillingInputs): Issue[] {
  const { settings } = inputs;
  const fx = new FxTable(inputs.fxRates, settings.reportingCurrency);
  const conversion = new UnitConversion(settings.reportingCurrency, settings.rounding);
  const rates = new Map<string, Map<number, Decimal | null>>();
  const missing = new Map<string, { currency: string; date: CalendarDate; count: number }>();
  for (const line of lines) {
    const currency = line.contract.currency;
    let byDate = rates.get(currency);
    if (byDate === undefined) {
      byDate = new Map();
      rates.set(currency, byDate);
    }
    let rate = byDate.get(line.invoiceDate);
    if (rate === undefined) {
      rate = fx.rateOn(currency, line.invoiceDate);
      byDate.set(line.invoiceDate, rate);
    }
    line.reportingAmount =
      rate === null
        ? null
        : conversion.convert(line.netAmount, currency, rate) ??
          toReportingCurrency(line.netAmount, rate, settings.reportingCurrency, settings.rounding);
    if (line.reportingAmount !== null) continue;
    const key = JSON.stringify([currency, line.invoiceDate]);
    const seen = missing.get(key);
    if (seen) seen.count++;
    else missing.set(key, { currency, date: line.invoiceDate, count: 1 });
  }
  return [...missing.values()]
    .sort((a, b) => compareText(a.currency, b.currency) || a.date - b.date)
    .map(({ currency, date, count }) => ({
      job: 'Bill' as const,
      severity: 'Warning' as const,
      sheet: 'FX Rates',
      cell: 'FX Rates',
      column: 'Rate',
      value: currency,
      problem: `No FX rate for ${currency} with As Of on or before ${toISO(date)}; ${count} Billing Schedule line(s) invoiced that day have a blank Reporting Amount (still billed)`,
      fix: `Add an FX Rates row for ${currency} (units of ${settings.reportingCurrency} per 1 ${currency}) with As Of on or before ${toISO(date)}`,
    }));
}

// ------------------------------------------------------------------ the document row

/** Bill Run by invoice month against the As Of month; each invoice date is placed once. */
class BillRuns {
  private readonly current: CalendarDate;
  private readonly byDate = new Map<number, BillRun>();
  constructor(asOfDate: CalendarDate) {
    this.current = firstOfMonth(asOfDate);
  }

  of(invoiceDate: CalendarDate): BillRun {
    let found = this.byDate.get(invoiceDate);
    if (found === undefined) {
      const month = firstOfMonth(invoiceDate);
      found = month < this.current ? 'Past' : month > this.current ? 'Future' : 'This Month';
      this.byDate.set(invoiceDate, found);
    }
    return found;
  }
}

type HeaderField = 'poNumber' | 'billingContact' | 'billingEmail' | 'billToAddress';

/** The first non-blank value among the document's contract lines, in sheet order. */
function headerField(indexes: number[], contracts: ContractLine[], field: HeaderField): string | null {
  for (const index of indexes) {
    const value = contracts[index]?.[field];
    if (value !== null && value !== undefined && value.trim() !== '') return value;
  }
  return null;
}

/** The document's contract lines in sheet order, each once. */
function contractLineIndexes(group: DocumentGroup): number[] {
  const first = group.lines[0].contract.contractLineIndex;
  if (group.lines.every((l) => l.contract.contractLineIndex === first)) return [first];
  return [...new Set(group.lines.map((l) => l.contract.contractLineIndex))].sort((a, b) => a - b);
}

/** Subtotal and Tax of a document: whole minor units when exact, else Decimal sums. */
function documentSums(group: DocumentGroup): { subtotal: Decimal; tax: Decimal; total: Decimal } {
  const [line] = group.lines;
  if (group.lines.length === 1 && isShort(line.netAmount) && isShort(line.tax) && isShort(line.total)) {
    // a one-line document: its sums are the line's own amounts (a zero sum is always +0)
    return { subtotal: nonNegativeZero(line.netAmount), tax: nonNegativeZero(line.tax), total: nonNegativeZero(line.total) };
  }
  const places = minorUnits(group.currency);
  let subtotal = 0;
  let tax = 0;
  for (const line of group.lines) {
    const net = unitsOf(line.netAmount, places);
    const lineTax = unitsOf(line.tax, places);
    if (net === null || lineTax === null) return decimalSums(group);
    subtotal += net;
    tax += lineTax;
  }
  if (!Number.isSafeInteger(subtotal) || !Number.isSafeInteger(tax) || !Number.isSafeInteger(subtotal + tax)) return decimalSums(group);
  return { subtotal: decimalOfUnits(subtotal, places), tax: decimalOfUnits(tax, places), total: decimalOfUnits(subtotal + tax, places) };
}

/** Well within the 34 significant digits a Decimal sum keeps, so adding it to zero changes nothing. */
function isShort(value: Decimal): boolean {
  return value.d !== null && value.d.length <= 4;
}

function nonNegativeZero(value: Decimal): Decimal {
  return value.isZero() ? ZERO : value;
}

function decimalSums(group: DocumentGroup): { subtotal: Decimal; tax: Decimal; total: Decimal } {
  const subtotal = sum(group.lines.map((l) => l.netAmount));
  const tax = sum(group.lines.map((l) => l.tax));
  return { subtotal, tax, total: subtotal.plus(tax) };
}

function toDocument(
  group: DocumentGroup,
  inputs: BillingInputs,
  byLineId: Map<string, BilledLine>,
  billRuns: BillRuns,
): BillingDocument {
  const { subtotal, tax, total } = documentSums(group);
  const indexes = contractLineIndexes(group);
  let appliesTo = '';
  if (group.kind === 'Credit Memo') {
    const invoices = new Set<string>();
    for (const line of group.lines) {
      const charged = line.creditOf !== null ? byLineId.get(line.creditOf) : undefined;
      if (charged?.documentNumber) invoices.add(charged.documentNumber);
    }
    appliesTo = [...invoices].sort(compareText).join(', ');
  }
  return {
    document: group.kind,
    number: group.number,
    contractId: group.contractId,
    customer: group.lines[0].contract.customer,
    billingEntity: group.billingEntity,
    currency: group.currency,
    invoiceDate: group.invoiceDate,
    dueDate: group.lines.reduce((latest, l) => (l.dueDate > latest ? l.dueDate : latest), group.lines[0].dueDate),
    subtotal,
    tax,
    total,
    lines: group.lines.length,
    appliesTo,
    billRun: billRuns.of(group.invoiceDate),
    poNumber: headerField(indexes, inputs.contracts, 'poNumber'),
    billingContact: headerField(indexes, inputs.contracts, 'billingContact'),
    billingEmail: headerField(indexes, inputs.contracts, 'billingEmail'),
    billToAddress: headerField(indexes, inputs.contracts, 'billToAddress'),
    taxFlagged: group.taxFlagged,
  };
}
