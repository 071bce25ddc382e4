import { type CalendarDate, firstOfMonth, toCompact, toISO } from './calendarDate';
import { Decimal, ZERO, sum } from './decimal';
import { FxTable, toReportingCurrency } from './fx';
import { type Issue, issueAt } from './issue';
import type { BillRun, BillingDocument, BillingInputs, ContractLine, DocumentKind, ScheduleLine, TaxRate } from './model';
import { minorUnits, roundMoney } from './money';
import { isListedJurisdiction, jurisdictionKey, taxRateOn } from './tax';

/**
 * Draft Invoices (billing.md, "Documents: invoices and credit memos"): groups the Billing
 * Schedule into invoices and credit memos, numbers them, computes tax per document and
 * jurisdiction, and converts each line to the reporting currency.
 */
export function buildDocuments(
  lines: ScheduleLine[],
  inputs: BillingInputs,
): { lines: ScheduleLine[]; documents: BillingDocument[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const billed: ScheduleLine[] = lines.map((line) => ({ ...line, tax: ZERO, total: line.netAmount, documentNumber: null }));
  const groups = groupIntoDocuments(billed);
  numberDocuments(groups);

  const taxLookup = new TaxLookup(inputs.contracts, inputs.taxRates);
  const chargeTax = new Map<string, ChargeTax>();
  for (const group of groups) {
    if (group.kind === 'Invoice') taxInvoice(group, inputs, chargeTax, taxLookup);
  }
  const byLineId = new Map<string, ScheduleLine>();
  for (const line of billed) if (!byLineId.has(line.lineId)) byLineId.set(line.lineId, line);
  taxCredits(groups, byLineId, inputs, chargeTax, taxLookup);
  issues.push(...taxLookup.issues);

  issues.push(...convertToReportingCurrency(billed, inputs));

  const documents = groups.map((group) => toDocument(group, inputs, byLineId));
  return { lines: billed, documents, issues };
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
  lines: ScheduleLine[];
  number: string;
  taxFlagged: boolean;
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
function compareLines(a: ScheduleLine, b: ScheduleLine): number {
  return a.periodStart - b.periodStart || a.periodEnd - b.periodEnd || compareNatural(a.lineId, b.lineId);
}

const KIND_ORDER: Record<DocumentKind, number> = { Invoice: 0, 'Credit Memo': 1 };

function groupIntoDocuments(lines: ScheduleLine[]): DocumentGroup[] {
  const byKey = new Map<string, DocumentGroup>();
  for (const line of lines) {
    const kind: DocumentKind = line.lineType === 'Credit' ? 'Credit Memo' : 'Invoice';
    const contractKey = line.contractId.trim().toUpperCase();
    const key = JSON.stringify([contractKey, kind, line.invoiceDate, line.billingEntity, line.currency]);
    let group = byKey.get(key);
    if (!group) {
      group = {
        kind, contractKey, contractId: line.contractId.trim(), billingEntity: line.billingEntity,
        currency: line.currency, invoiceDate: line.invoiceDate, lines: [], number: '', taxFlagged: false,
      };
      byKey.set(key, group);
    }
    group.lines.push(line);
  }
  for (const group of byKey.values()) {
    group.lines.sort(compareLines);
    group.contractId = group.lines[0].contractId.trim();
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.invoiceDate - b.invoiceDate ||
      compareText(a.contractKey, b.contractKey) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compareText(a.billingEntity, b.billingEntity) ||
      compareText(a.currency, b.currency),
  );
}

/**
 * INV-<Contract ID>-<yyyymmdd>, then -2, -3 for further (Billing Entity, Currency) pairs of the
 * same contract, kind and day. The suffix depends only on that day's own documents, so a
 * re-run (or a new invoice on another day) never renumbers an existing one.
 */
function numberDocuments(groups: DocumentGroup[]): void {
  const sameDay = new Map<string, DocumentGroup[]>();
  for (const group of groups) {
    const key = JSON.stringify([group.contractKey, group.kind, group.invoiceDate]);
    const list = sameDay.get(key);
    if (list) list.push(group);
    else sameDay.set(key, [group]);
  }
  for (const list of sameDay.values()) {
    list.sort((a, b) => compareText(a.billingEntity, b.billingEntity) || compareText(a.currency, b.currency));
    const prefix = list[0].kind === 'Invoice' ? 'INV' : 'CM';
    const base = `${prefix}-${list[0].contractId}-${toCompact(list[0].invoiceDate)}`;
    list.forEach((group, i) => {
      group.number = i === 0 ? base : `${base}-${i + 1}`;
      for (const line of group.lines) line.documentNumber = group.number;
    });
  }
}

// ------------------------------------------------------------------ tax

/** How a charge was taxed, so a credit of it can mirror (and never exceed) that tax. */
type ChargeTax =
  | { status: 'taxed'; rate: Decimal; /** tax on the charge not yet given back by credits */ creditable: Decimal }
  | { status: 'untaxed' }
  | { status: 'flagged' };

type LineTaxRule = { status: 'untaxed' } | { status: 'flagged' } | { status: 'taxed'; jurisdiction: string; rate: Decimal };

/**
 * The run's tax look-ups (memoised per jurisdiction and date: a book asks the same question
 * for every monthly line) and its Issues: one Error per contract line, jurisdiction and kind of
 * problem, at the line's Tax Jurisdiction cell.
 */
class TaxLookup {
  readonly issues: Issue[] = [];
  private readonly seen = new Set<string>();
  private readonly rates = new Map<string, ReturnType<typeof taxRateOn>>();
  constructor(private readonly contracts: ContractLine[], private readonly taxRates: TaxRate[]) {}

  rateOn(jurisdiction: string, date: CalendarDate): ReturnType<typeof taxRateOn> {
    const key = `${jurisdictionKey(jurisdiction)}\u0000${date}`;
    let found = this.rates.get(key);
    if (found === undefined) {
      found = taxRateOn(this.taxRates, jurisdiction, date);
      this.rates.set(key, found);
    }
    return found;
  }

  report(line: ScheduleLine, jurisdiction: string, problem: string, fix: string): void {
    const key = JSON.stringify([line.contractLineIndex, jurisdictionKey(jurisdiction), problem]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const contract = this.contracts[line.contractLineIndex];
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

function taxRuleFor(line: ScheduleLine, date: CalendarDate, inputs: BillingInputs, taxLookup: TaxLookup): LineTaxRule {
  const jurisdiction = line.taxJurisdiction?.trim() ?? '';
  if (line.taxExempt || jurisdiction === '') return { status: 'untaxed' };
  const found = taxLookup.rateOn(jurisdiction, date);
  if (found === 'duplicate') {
    taxLookup.report(
      line, jurisdiction,
      `Tax Jurisdiction ${jurisdiction} has more than one Tax Rates row in force on ${toISO(date)}; ${line.contractId} is billed untaxed and its documents are flagged`,
      'Keep one Tax Rates row per Jurisdiction and Effective From, then run Bill again',
    );
    return { status: 'flagged' };
  }
  if (found === 'unknown') {
    const listed = isListedJurisdiction(inputs.taxRates, jurisdiction);
    taxLookup.report(
      line, jurisdiction,
      listed
        ? `No Tax Rates row for ${jurisdiction} is in force on ${toISO(date)} (every Effective From is later); ${line.contractId} is billed untaxed and its documents are flagged`
        : `Tax Jurisdiction ${jurisdiction} is not on the Tax Rates sheet; ${line.contractId} is billed untaxed and its documents are flagged`,
      listed
        ? `Add a Tax Rates row for ${jurisdiction} effective on or before ${toISO(date)}, then run Bill again`
        : `Add ${jurisdiction} to Tax Rates (or correct the jurisdiction, or mark the line Tax Exempt), then run Bill again`,
    );
    return { status: 'flagged' };
  }
  return { status: 'taxed', jurisdiction: jurisdictionKey(jurisdiction), rate: found.rate };
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

function setTax(line: ScheduleLine, tax: Decimal): void {
  // a negated or rounded-away zero would show as -0 in a cell
  line.tax = tax.isZero() ? ZERO : tax;
  line.total = line.netAmount.plus(tax);
}

function taxInvoice(
  group: DocumentGroup,
  inputs: BillingInputs,
  chargeTax: Map<string, ChargeTax>,
  taxLookup: TaxLookup,
): void {
  const { rounding } = inputs.settings;
  const byJurisdiction = new Map<string, { rate: Decimal; lines: ScheduleLine[] }>();
  for (const line of group.lines) {
    const rule = taxRuleFor(line, group.invoiceDate, inputs, taxLookup);
    if (rule.status !== 'taxed') {
      if (rule.status === 'flagged') group.taxFlagged = true;
      chargeTax.set(line.lineId, { status: rule.status });
      continue;
    }
    const bucket = byJurisdiction.get(rule.jurisdiction);
    if (bucket) bucket.lines.push(line);
    else byJurisdiction.set(rule.jurisdiction, { rate: rule.rate, lines: [line] });
  }
  for (const { rate, lines } of byJurisdiction.values()) {
    const taxableNet = sum(lines.map((l) => l.netAmount));
    const documentTax = roundMoney(taxableNet.times(rate), group.currency, rounding);
    const shares = allocateByLargestRemainder(documentTax, lines.map((l) => l.netAmount), minorUnits(group.currency));
    lines.forEach((line, i) => {
      setTax(line, shares[i]);
      chargeTax.set(line.lineId, { status: 'taxed', rate, creditable: shares[i] });
    });
  }
}

/**
 * A credit line's tax mirrors the charge it credits: -round(credited Net x that charge's rate),
 * capped so that all credits of one charge never give back more tax than the charge carried.
 * Credits are taken in invoice-date order, so the cap falls on the latest credit.
 */
function taxCredits(
  groups: DocumentGroup[],
  byLineId: Map<string, ScheduleLine>,
  inputs: BillingInputs,
  chargeTax: Map<string, ChargeTax>,
  taxLookup: TaxLookup,
): void {
  const { rounding } = inputs.settings;
  const groupOf = new Map<ScheduleLine, DocumentGroup>();
  for (const group of groups) {
    if (group.kind === 'Credit Memo') for (const line of group.lines) groupOf.set(line, group);
  }
  const credits = [...groupOf.keys()].sort(
    (a, b) => a.invoiceDate - b.invoiceDate || compareLines(a, b),
  );
  for (const credit of credits) {
    const group = groupOf.get(credit)!;
    const charged = credit.creditOf !== null ? byLineId.get(credit.creditOf) : undefined;
    const charge = charged ? chargeTax.get(charged.lineId) : undefined;
    if (charge) {
      if (charge.status === 'flagged') group.taxFlagged = true;
      if (charge.status !== 'taxed') continue;
      let giveBack = roundMoney(credit.netAmount.negated().times(charge.rate), credit.currency, rounding);
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
    setTax(credit, roundMoney(credit.netAmount.times(rule.rate), credit.currency, rounding));
  }
}

// ------------------------------------------------------------------ reporting currency

/** Reporting Amount per line; one Warning per currency and invoice date without a rate. */
function convertToReportingCurrency(lines: ScheduleLine[], inputs: BillingInputs): Issue[] {
  const { settings } = inputs;
  const fx = new FxTable(inputs.fxRates, settings.reportingCurrency);
  const missing = new Map<string, { currency: string; date: CalendarDate; count: number }>();
  for (const line of lines) {
    const rate = fx.rateOn(line.currency, line.invoiceDate);
    line.reportingAmount = rate === null ? null : toReportingCurrency(line.netAmount, rate, settings.reportingCurrency, settings.rounding);
    if (line.reportingAmount !== null) continue;
    const key = JSON.stringify([line.currency, line.invoiceDate]);
    const seen = missing.get(key);
    if (seen) seen.count++;
    else missing.set(key, { currency: line.currency, date: line.invoiceDate, count: 1 });
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

function billRunOf(invoiceDate: CalendarDate, asOfDate: CalendarDate): BillRun {
  const month = firstOfMonth(invoiceDate);
  const current = firstOfMonth(asOfDate);
  return month < current ? 'Past' : month > current ? 'Future' : 'This Month';
}

type HeaderField = 'poNumber' | 'billingContact' | 'billingEmail' | 'billToAddress';

/** The first non-blank value among the document's contract lines, in sheet order. */
function headerField(group: DocumentGroup, contracts: ContractLine[], field: HeaderField): string | null {
  const indexes = [...new Set(group.lines.map((l) => l.contractLineIndex))].sort((a, b) => a - b);
  for (const index of indexes) {
    const value = contracts[index]?.[field];
    if (value !== null && value !== undefined && value.trim() !== '') return value;
  }
  return null;
}

function toDocument(group: DocumentGroup, inputs: BillingInputs, byLineId: Map<string, ScheduleLine>): BillingDocument {
  const subtotal = sum(group.lines.map((l) => l.netAmount));
  const tax = sum(group.lines.map((l) => l.tax));
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
    customer: group.lines[0].customer,
    billingEntity: group.billingEntity,
    currency: group.currency,
    invoiceDate: group.invoiceDate,
    dueDate: group.lines.reduce((latest, l) => (l.dueDate > latest ? l.dueDate : latest), group.lines[0].dueDate),
    subtotal,
    tax,
    total: subtotal.plus(tax),
    lines: group.lines.length,
    appliesTo,
    billRun: billRunOf(group.invoiceDate, inputs.settings.asOfDate),
    poNumber: headerField(group, inputs.contracts, 'poNumber'),
    billingContact: headerField(group, inputs.contracts, 'billingContact'),
    billingEmail: headerField(group, inputs.contracts, 'billingEmail'),
    billToAddress: headerField(group, inputs.contracts, 'billToAddress'),
    taxFlagged: group.taxFlagged,
  };
}
