import { addDays, CalendarDate, maxDate, toISO } from './calendarDate';
import { Decimal, ONE, ZERO } from './decimal';
import { Issue, issueAt } from './issue';
import { roundMoney } from './money';
import type { Amendment, BillingInputs, ContractLine, ProrationRow, ScheduleLine, UsageRecord } from './model';
import { billingPeriods, PartialMethod } from './periods';
import { partialMethod, scheduleContractLine } from './schedule';
import { contextFor, periodGrid } from './scheduleContext';
import { AmendableLine, AmendedLine, AmendmentContext, PeriodChange } from './amendmentLine';
import { AmendedMilestoneLine, AmendedUsageLine } from './amendmentUsageLine';
import { amendmentsInOrder } from './amendmentOrder';
import { PeriodPricing } from './amendmentPricing';
import type { Terms } from './amendmentCalculation';
import { remainingShare } from './prorationFactor';
import { matchKey, sameKey } from './matchKey';
import { lineIdOf } from './lineId';

/**
 * Applies the Amendments sheet to the contracted schedule (billing.md, Amendments): in order of
 * (Effective Date, sheet row), each change builds on the schedule as the earlier ones left it.
 * Returns the amended lines, one Proration row per amendment and affected period, and an Issue
 * for every amendment that could not be applied as written (Error = the row was skipped).
 */
export function applyAmendments(
  inputs: BillingInputs,
  lines: ScheduleLine[],
  ranges: ContractLineRanges,
): AmendedSchedule {
  if (inputs.amendments.length === 0) {
    return { proration: [], issues: [], linesByContractLine: new Map(), addedProducts: [], lines: () => lines };
  }
  const book = new AmendedBook(inputs, lines, ranges);
  for (const amendment of amendmentsInOrder(inputs.amendments)) book.apply(amendment);
  const amended = book.amendedLines();
  return {
    proration: book.proration,
    issues: book.issues,
    linesByContractLine: amended.linesByContractLine,
    addedProducts: amended.addedProducts,
    lines: () => book.scheduleLines(amended),
  };
}

interface AmendedLines {
  linesByContractLine: Map<number, ScheduleLine[]>;
  addedProducts: ScheduleLine[];
  /** all of them, line by line in the order amendments reached their lines */
  inOrder: ScheduleLine[];
}

/** The schedule as amendments leave it, in two forms: what each amended contract line now bills, or one list. */
export interface AmendedSchedule {
  proration: ProrationRow[];
  issues: Issue[];
  /** every contract line an amendment reached (by index): the lines it now bills, in place of its contracted ones */
  linesByContractLine: Map<number, ScheduleLine[]>;
  /** the lines of products Add Product brought in */
  addedProducts: ScheduleLine[];
  /** untouched contracted lines in their order, then every amended contract line's and added product's lines */
  lines(): ScheduleLine[];
}

/**
 * Where each contract line's schedule lines sit: lines[from[i]..to[i]) are those of contract
 * line i, as buildBillingSchedule writes them (each contract line's lines together).
 */
export interface ContractLineRanges {
  from: Int32Array;
  to: Int32Array;
}

/** One line amendments may reach: a contract line, or a product an Add Product brought in. */
interface Handle {
  /** unique per handle: "c<contract line index>" or "a<amendment row>" */
  key: string;
  line: ContractLine;
  lineIndex: number;
  /** built on first use, from that line's contracted schedule lines */
  state: AmendableLine | null;
}

const CHANGE_TYPES = new Set(['Upgrade', 'Downgrade', 'Quantity Change', 'Price Change']);

class AmendedBook {
  readonly proration: ProrationRow[] = [];
  readonly issues: Issue[] = [];
  private readonly linesByIndex = new Map<number, ScheduleLine[]>();
  private readonly handlesByContract = new Map<string, Handle[]>();
  /** line key + Effective Date of every amendment applied, to catch a second one on the same day */
  private readonly applied = new Set<string>();
  private readonly inputsByMethod = new Map<PartialMethod, BillingInputs>();
  private usageByContract: Map<string, UsageRecord[]> | null = null;

  constructor(
    private readonly inputs: BillingInputs,
    private readonly contracted: ScheduleLine[],
    private readonly ranges: ContractLineRanges,
  ) {
    const wanted = new Set(inputs.amendments.map((a) => matchKey(a.contractId)));
    // only the lines of amended contracts are gathered: a tenth of a book at most, as a rule
    const amendedLine = new Uint8Array(inputs.contracts.length);
    inputs.contracts.forEach((line, index) => {
      const k = matchKey(line.contractId);
      if (!wanted.has(k)) return;
      amendedLine[index] = 1;
      const list = this.handlesByContract.get(k) ?? [];
      list.push({ key: `c${index}`, line, lineIndex: index, state: null });
      this.handlesByContract.set(k, list);
    });
    amendedLine.forEach((amended, index) => {
      if (amended === 1 && ranges.to[index] > ranges.from[index]) this.linesByIndex.set(index, contracted.slice(ranges.from[index], ranges.to[index]));
    });
  }

  /** What every line amendments reached now bills, by contract line and in the order reached. */
  amendedLines(): AmendedLines {
    const linesByContractLine = new Map<number, ScheduleLine[]>();
    const addedProducts: ScheduleLine[] = [];
    const inOrder: ScheduleLine[] = [];
    for (const handles of this.handlesByContract.values()) {
      for (const h of handles) {
        if (h.state === null) continue;
        const own = h.state.scheduleLines();
        if (h.key.startsWith('c')) linesByContractLine.set(h.lineIndex, own);
        else for (const l of own) addedProducts.push(l);
        for (const l of own) inOrder.push(l);
      }
    }
    return { linesByContractLine, addedProducts, inOrder };
  }

  /** Contracted lines of untouched contract lines, then every amended line's schedule. */
  scheduleLines(amended: AmendedLines): ScheduleLine[] {
    const touched = amended.linesByContractLine;
    // Add Product reads its contract's first line first, so nothing amended means nothing added;
    // the schedule's own list goes back as it is (sortSchedule makes the list it returns)
    if (touched.size === 0) return this.contracted;
    // the untouched stretches between touched contract lines are copied whole, line by line
    // unread: a 300k-line book is far bigger than the cache
    const cuts = [...touched.keys()].filter((index) => this.ranges.to[index] > this.ranges.from[index])
      .sort((a, b) => this.ranges.from[a] - this.ranges.from[b]);
    const kept: ScheduleLine[] = [];
    let at = 0;
    for (const index of cuts) {
      for (let i = at; i < this.ranges.from[index]; i++) kept.push(this.contracted[i]);
      at = this.ranges.to[index];
    }
    for (let i = at; i < this.contracted.length; i++) kept.push(this.contracted[i]);
    for (const l of amended.inOrder) kept.push(l);
    return kept;
  }

  apply(a: Amendment): void {
    try {
      this.applyOne(a);
    } catch (error) {
      // Nothing throws at the user: the row is reported and the rest of the book still bills.
      this.error(a, 'amendmentId', a.amendmentId, `could not be applied: ${error instanceof Error ? error.message : String(error)}`, 'Check this amendment\'s dates, quantities and prices');
    }
  }

  private applyOne(a: Amendment): void {
    const handles = this.handlesByContract.get(matchKey(a.contractId));
    if (!handles || handles.length === 0) {
      this.error(a, 'contractId', a.contractId, `Contract ${a.contractId} is not on the Contracts sheet (or all its lines were skipped)`, 'Correct the Contract ID');
      return;
    }
    if (a.type === 'Add Product') this.addProduct(a, handles);
    else if (a.type === 'Cancel') this.cancel(a, handles);
    else if (CHANGE_TYPES.has(a.type)) this.change(a, handles);
    else this.error(a, 'type', a.type, `Unknown amendment Type ${String(a.type)}`, 'Use Upgrade, Downgrade, Quantity Change, Price Change, Add Product or Cancel');
  }

  // ------------------------------------------------------------------ Upgrade, Downgrade, ...

  private change(a: Amendment, handles: Handle[]): void {
    const target = this.targetOf(a, handles);
    if (target === null) return;
    if (a.newQuantity === null && a.newUnitPrice === null) {
      this.error(a, 'newQuantity', '', `${a.type} gives neither a New Quantity nor a New Unit Price; nothing to change`, 'Enter the New Quantity and/or the New Unit Price');
      return;
    }
    const state = this.stateOf(target);
    if (!state.billed) {
      this.error(a, 'product', target.line.product, `The ${target.line.product} line of contract ${target.line.contractId} is not billed, so the amendment was not applied`, 'Bill the line first (Stage Closed Won, no Error on it)');
      return;
    }
    if (target.line.billingFrequency === 'Milestone') {
      this.error(a, 'product', target.line.product, 'A Milestone line takes its amounts from the Milestones sheet; an amendment cannot reprice it', 'Change the Milestones sheet instead');
      return;
    }
    if (target.line.billingFrequency === 'Usage' && a.newUnitPrice === null) {
      this.error(a, 'newQuantity', a.newQuantity?.toString() ?? '', 'A Usage line bills the metered quantity; a New Quantity does not apply to it', 'Give a New Unit Price, or amend the Usage sheet');
      return;
    }
    // A Tiered or Volume line is priced by its tier table: a New Unit Price has nothing to replace.
    const tierPriced = target.line.pricingModel === 'Tiered' || target.line.pricingModel === 'Volume';
    if (tierPriced && a.newUnitPrice !== null) {
      const table = target.line.tierTable ?? '';
      if (a.newQuantity === null || target.line.billingFrequency === 'Usage') {
        this.error(a, 'newUnitPrice', a.newUnitPrice.toString(), `The ${target.line.product} line is priced by Tier Table ${table} (${target.line.pricingModel}); a New Unit Price cannot reprice it, so the amendment was not applied`, 'Change the Price Tiers sheet, or give a New Quantity');
        return;
      }
      this.warning(a, 'newUnitPrice', a.newUnitPrice.toString(), `The ${target.line.product} line is priced by Tier Table ${table} (${target.line.pricingModel}); the New Quantity was applied and the New Unit Price was not`, 'Clear the New Unit Price, or change the Price Tiers sheet');
    }
    if (!this.firstOnLineThatDay(a, [target])) return;
    const newTerms: Terms = {
      quantity: a.newQuantity ?? state.terms.quantity,
      unitPrice: tierPriced ? state.terms.unitPrice : a.newUnitPrice ?? state.terms.unitPrice,
    };
    // only an Upgrade is checked for lowering the amount: the other types say nothing of direction
    const compared = a.type === 'Upgrade' ? state.compareTerms(a.effectiveDate, newTerms) : null;
    if (compared !== null && compared.after.lt(compared.before)) {
      this.warning(a, 'type', a.type, `This Upgrade lowers the ${target.line.product} amount per period; it was applied as written`, 'Check the New Quantity / New Unit Price, or call it a Downgrade');
    }
    const ctx = this.contextOf(a);
    if (state.effectiveStart(ctx) === null) this.nothingAfterNone(a);
    this.record(a, target, state.change(ctx, newTerms));
    if (a.newQuantity === null) return;
    // New Quantity also applies to the Product's later ramp lines, each from its own start.
    for (const ramp of handles) {
      if (ramp === target || !sameKey(ramp.line.product, target.line.product) || ramp.line.startDate <= target.line.startDate) continue;
      if (ramp.line.startDate <= a.effectiveDate || ramp.line.billingFrequency === 'Milestone' || ramp.line.billingFrequency === 'Usage') continue;
      const rampState = this.stateOf(ramp);
      if (!rampState.billed || rampState.endDate < ramp.line.startDate) continue;
      const rampCtx: AmendmentContext = { ...ctx, effectiveDate: ramp.line.startDate };
      this.record(a, ramp, rampState.change(rampCtx, { quantity: a.newQuantity, unitPrice: rampState.terms.unitPrice }));
    }
  }

  /** The line of the Contract ID and Product whose dates contain E, or an Error and null. */
  private targetOf(a: Amendment, handles: Handle[]): Handle | null {
    let candidates = handles;
    if (a.product !== null && a.product.trim() !== '') {
      candidates = handles.filter((h) => sameKey(h.line.product, a.product));
      if (candidates.length === 0) {
        this.error(a, 'product', a.product, `Contract ${a.contractId} has no ${a.product} line`, 'Correct the Product (or use Add Product)');
        return null;
      }
    }
    const containing = candidates.filter((h) => h.line.startDate <= a.effectiveDate && a.effectiveDate <= this.endOf(h));
    if (containing.length === 0) {
      const from = Math.min(...candidates.map((h) => h.line.startDate)) as CalendarDate;
      const to = Math.max(...candidates.map((h) => this.endOf(h))) as CalendarDate;
      this.error(a, 'effectiveDate', toISO(a.effectiveDate), `Effective Date ${toISO(a.effectiveDate)} is outside the line's service (${toISO(from)} to ${toISO(to)})`, 'Correct the Effective Date');
      return null;
    }
    const products = new Set(containing.map((h) => matchKey(h.line.product)));
    if (products.size > 1) {
      this.error(a, 'product', '', `Contract ${a.contractId} has several products on ${toISO(a.effectiveDate)}; the amendment does not say which`, 'Enter the Product');
      return null;
    }
    return containing[0];
  }

  // ------------------------------------------------------------------ Cancel

  private cancel(a: Amendment, handles: Handle[]): void {
    let candidates = handles;
    if (a.product !== null && a.product.trim() !== '') {
      candidates = handles.filter((h) => sameKey(h.line.product, a.product));
      if (candidates.length === 0) {
        this.error(a, 'product', a.product, `Contract ${a.contractId} has no ${a.product} line`, 'Correct the Product (or leave it blank to cancel the whole contract)');
        return;
      }
    }
    const from = Math.min(...candidates.map((h) => h.line.startDate)) as CalendarDate;
    const to = Math.max(...candidates.map((h) => this.endOf(h))) as CalendarDate;
    if (a.effectiveDate < from || a.effectiveDate > to) {
      this.error(a, 'effectiveDate', toISO(a.effectiveDate), `Cancel Effective Date ${toISO(a.effectiveDate)} is outside the service (${toISO(from)} to ${toISO(to)})`, 'Correct the Effective Date (the first day without service)');
      return;
    }
    const affected = candidates.filter((h) => this.endOf(h) >= a.effectiveDate && this.stateOf(h).billed);
    if (affected.length === 0) {
      this.error(a, 'contractId', a.contractId, `No billed line of contract ${a.contractId} runs on ${toISO(a.effectiveDate)}`, 'Bill the contract first (Stage Closed Won)');
      return;
    }
    const containing = affected.filter((h) => h.line.startDate <= a.effectiveDate);
    if (!this.firstOnLineThatDay(a, containing)) return;
    const ctx = this.contextOf(a);
    if (affected.every((h) => this.stateOf(h).effectiveStart(ctx) === null)) this.nothingAfterNone(a);
    for (const h of affected) {
      const state = this.stateOf(h);
      const usageBefore = state.endDate;
      this.record(a, h, state.cancel(ctx));
      if (h.line.billingFrequency === 'Usage' && state.endDate < usageBefore) this.usageAfterCancel(a, h, state.endDate);
    }
  }

  /** Proration None moves the change to the next period start; in the last period there is none. */
  private nothingAfterNone(a: Amendment): void {
    this.warning(a, 'proration', a.proration, `With Proration None the change starts at the next period start, which is after the line ends; the line is unchanged`, 'Use Daily or 30/360 proration, or an earlier Effective Date');
  }

  /** Usage dated after a Cancel is not billed: say so once per line. */
  private usageAfterCancel(a: Amendment, h: Handle, lastDay: CalendarDate): void {
    const metric = h.line.usageMetric;
    if (metric === null) return;
    const after = this.usageOf(h.line.contractId).filter(
      (u) => sameKey(u.usageMetric, metric) && u.date > lastDay && u.date <= h.line.endDate,
    );
    if (after.length === 0) return;
    this.warning(a, 'effectiveDate', toISO(a.effectiveDate), `${after.length} usage row(s) of ${metric} are dated after the cancellation (service ended ${toISO(lastDay)}); not billed`, 'Check the usage dates or the Cancel Effective Date');
  }

  private usageOf(contractId: string): UsageRecord[] {
    if (this.usageByContract === null) {
      this.usageByContract = new Map();
      for (const u of this.inputs.usage) {
        const k = matchKey(u.contractId);
        const list = this.usageByContract.get(k);
        if (list) list.push(u);
        else this.usageByContract.set(k, [u]);
      }
    }
    return this.usageByContract.get(matchKey(contractId)) ?? [];
  }

  // ------------------------------------------------------------------ Add Product

  private addProduct(a: Amendment, handles: Handle[]): void {
    if (a.product === null || a.product.trim() === '') {
      this.error(a, 'product', '', 'Add Product needs the Product it adds', 'Enter the Product');
      return;
    }
    if (a.newUnitPrice === null) {
      this.error(a, 'newUnitPrice', '', `Add Product ${a.product} needs a New Unit Price`, 'Enter the New Unit Price (in the first line\'s Price Basis)');
      return;
    }
    const first = handles
      .filter((h) => h.key.startsWith('c') && h.line.billingFrequency !== 'Milestone' && h.line.billingFrequency !== 'Usage')
      .sort((x, y) => x.lineIndex - y.lineIndex)[0];
    if (first === undefined || !this.stateOf(first).billed) {
      this.error(a, 'contractId', a.contractId, `Contract ${a.contractId} has no billed recurring line for ${a.product} to inherit its billing terms from`, 'Add the product as a line on the Contracts sheet');
      return;
    }
    const from = Math.min(...handles.map((h) => h.line.startDate)) as CalendarDate;
    const latestEnd = Math.max(...handles.map((h) => this.endOf(h))) as CalendarDate;
    if (a.effectiveDate < from || a.effectiveDate > latestEnd) {
      this.error(a, 'effectiveDate', toISO(a.effectiveDate), `Effective Date ${toISO(a.effectiveDate)} is outside contract ${a.contractId} (${toISO(from)} to ${toISO(latestEnd)})`, 'Correct the Effective Date');
      return;
    }
    const dayKey = `add|${matchKey(a.product)}|${a.effectiveDate}`;
    if (!this.firstOnLineThatDay(a, [], dayKey)) return;
    const method: PartialMethod = a.proration === '30/360' ? '30/360' : 'Daily';
    const gridAnchor = first.line.startDate;
    const base = first.line;
    const added: ContractLine = {
      ...base,
      product: a.product.trim(),
      startDate: a.effectiveDate,
      endDate: latestEnd,
      termMonths: null,
      pricingModel: 'Flat',
      quantity: a.newQuantity ?? ONE,
      unitPrice: a.newUnitPrice,
      totalContractValue: null,
      usageMetric: null,
      includedUnits: null,
      tierTable: null,
      packageSize: null,
      minimumCommit: null,
      closeDate: null,
      stage: null,
      source: a.source,
    };
    // Proration None: the product starts at the next period start of the first line's grid.
    let start = a.effectiveDate;
    if (a.proration === 'None') {
      const grid = billingPeriods(added, { gridAnchor, prorationMethod: method });
      const nextStart = grid[0] && grid[0].start !== grid[0].fullStart ? grid[1]?.start : grid[0]?.start;
      if (nextStart === undefined) {
        this.warning(a, 'effectiveDate', toISO(a.effectiveDate), `With Proration None ${a.product} would start after the contract ends; nothing added`, 'Use Daily proration or an earlier Effective Date');
        return;
      }
      start = nextStart;
    }
    const line: ContractLine = { ...added, startDate: start };
    const scheduled = scheduleContractLine(line, first.lineIndex, this.inputsFor(method), { gridAnchor });
    for (const issue of scheduled.issues) this.issues.push(issue);
    if (scheduled.lines.length === 0) return;
    const booked = maxDate(a.bookedDate, start);
    const row = a.source.row;
    const lines = scheduled.lines.map((l) => {
      // Invoices that fell before the change was booked go out on the Booked Date.
      const invoiceDate = l.invoiceDate < booked ? booked : l.invoiceDate;
      return {
        ...l,
        lineId: `${lineIdOf(l)}~add~row${row}`,
        invoiceDate,
        dueDate: addDays(invoiceDate, line.paymentTerms.netDays),
        source: a.amendmentId,
      };
    });
    const periods = billingPeriods(line, { gridAnchor, prorationMethod: method });
    const pricing = new PeriodPricing(line, periods, this.inputs.priceTiers, { prorationMethod: method });
    const handle: Handle = { key: `a${row}`, line, lineIndex: first.lineIndex, state: null };
    handle.state = new AmendedLine(line, first.lineIndex, periods, lines, pricing, this.inputs.settings.rounding);
    handles.push(handle);
    this.applied.add(`${handle.key}|${a.effectiveDate}`);
    const firstPeriod = periods[0];
    if (firstPeriod && firstPeriod.partial) {
      const share = remainingShare(firstPeriod.fullStart, firstPeriod.fullEnd, firstPeriod.start, method);
      const full = pricing.amountsAt({ quantity: line.quantity, unitPrice: line.unitPrice }, { ...firstPeriod, partial: false, factor: ONE, factorFraction: { numerator: 1, denominator: 1 } });
      const charge = lines[0];
      this.record(a, handle, [
        {
          periodStart: firstPeriod.start,
          periodEnd: firstPeriod.end,
          oldPeriodAmount: ZERO,
          newPeriodAmount: this.round(full.net, line.currency),
          share,
          credit: ZERO,
          charge: charge.netAmount,
          calculation: charge.calculation,
        },
      ]);
    }
  }

  // ------------------------------------------------------------------ shared pieces

  private stateOf(h: Handle): AmendableLine {
    if (h.state !== null) return h.state;
    const own = this.linesByIndex.get(h.lineIndex) ?? [];
    const { line, lineIndex } = h;
    if (line.billingFrequency === 'Usage') h.state = new AmendedUsageLine(line, lineIndex, own, this.inputs);
    else if (line.billingFrequency === 'Milestone') h.state = new AmendedMilestoneLine(line, lineIndex, own);
    else {
      const method = partialMethod(this.inputs.settings);
      // the very periods its contracted lines were made from (the run's shared, read-only grid)
      const periods = periodGrid(line, contextFor(this.inputs), undefined, undefined, method).periods;
      const pricing = new PeriodPricing(line, periods, this.inputs.priceTiers, { prorationMethod: method });
      h.state = new AmendedLine(line, lineIndex, periods, own, pricing, this.inputs.settings.rounding);
    }
    return h.state;
  }

  private endOf(h: Handle): CalendarDate {
    return h.state === null ? h.line.endDate : h.state.endDate;
  }

  /** Two amendments on one line with the same Effective Date: an Error on the later row. */
  private firstOnLineThatDay(a: Amendment, lines: Handle[], extraKey?: string): boolean {
    const keys = lines.map((h) => `${h.key}|${a.effectiveDate}`);
    if (extraKey !== undefined) keys.push(extraKey);
    if (keys.some((k) => this.applied.has(k))) {
      this.error(a, 'effectiveDate', toISO(a.effectiveDate), `Another amendment on an earlier row already changes this line on ${toISO(a.effectiveDate)}; this row was skipped`, 'Combine the two rows into one, or correct the Effective Date');
      return false;
    }
    for (const k of keys) this.applied.add(k);
    return true;
  }

  private contextOf(a: Amendment): AmendmentContext {
    return {
      amendmentId: a.amendmentId,
      row: a.source.row,
      effectiveDate: a.effectiveDate,
      // A Booked Date before E changes nothing: the change cannot bill before it takes effect.
      bookedDate: maxDate(a.bookedDate, a.effectiveDate),
      proration: a.proration,
    };
  }

  private record(a: Amendment, h: Handle, changes: PeriodChange[]): void {
    for (const c of changes) {
      this.proration.push({
        amendmentId: a.amendmentId,
        contractId: h.line.contractId,
        product: h.line.product,
        type: a.type,
        effectiveDate: a.effectiveDate,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        oldPeriodAmount: c.oldPeriodAmount,
        newPeriodAmount: c.newPeriodAmount,
        daysUsed: c.share.daysUsed,
        daysRemaining: c.share.daysRemaining,
        factor: c.share.factor,
        credit: c.credit,
        charge: c.charge,
        calculation: c.calculation,
        currency: h.line.currency,
      });
    }
  }

  /** Settings with the amendment's own proration method, made once per method. */
  private inputsFor(method: PartialMethod): BillingInputs {
    if (partialMethod(this.inputs.settings) === method) return this.inputs;
    let inputs = this.inputsByMethod.get(method);
    if (!inputs) {
      inputs = { ...this.inputs, settings: { ...this.inputs.settings, prorationMethod: method } };
      this.inputsByMethod.set(method, inputs);
    }
    return inputs;
  }

  private round(value: Decimal, currency: string): Decimal {
    return roundMoney(value, currency, this.inputs.settings.rounding);
  }

  private error(a: Amendment, field: string, value: string, problem: string, fix: string): void {
    this.issues.push(issueAt('Bill', 'Error', a.source, field, value, `Amendment ${a.amendmentId}: ${problem}`, fix));
  }

  private warning(a: Amendment, field: string, value: string, problem: string, fix: string): void {
    this.issues.push(issueAt('Bill', 'Warning', a.source, field, value, `Amendment ${a.amendmentId}: ${problem}`, fix));
  }
}

