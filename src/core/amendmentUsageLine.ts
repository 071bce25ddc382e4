import { addDays, CalendarDate, toISO } from './calendarDate';
import { formatAmount } from './money';
import type { Decimal } from './decimal';
import type { BillingInputs, ContractLine, ScheduleLine } from './model';
import { billingPeriods } from './periods';
import { isBillableStage, scheduleContractLine } from './schedule';
import type { Terms } from './amendmentCalculation';
import type { AmendableLine, AmendmentContext, PeriodChange } from './amendmentLine';
import { lineIdOf } from './lineId';

/**
 * Usage lines under amendments. Usage is rated per monthly period in arrears: a new Unit Price
 * rates usage from E on at the new price (the period holding E is rated in two parts, [S, E - 1]
 * and [E, T], each with its share of Included Units and Minimum Commit), and a Cancel rates the
 * last period [S, E - 1], invoiced on E. The usage rater does the rating; this only cuts the line
 * into runs of one price.
 *
 * A change booked late (billing.md, Booked Date) finds periods already invoiced: those keep the
 * lines they were billed with, and each gets a Credit mirroring every line in force for it and
 * the period rated again at the new terms, both invoiced on the Booked Date. Usage ratings are
 * not additive across tiers, so the whole period is credited and rebilled rather than a share.
 */
interface PriceRun {
  from: CalendarDate;
  to: CalendarDate;
  unitPrice: Decimal | null;
  /** the amendment row that started it (null for the contracted run) */
  row: number | null;
}

export class AmendedUsageLine implements AmendableLine {
  private runs: PriceRun[];
  /** the rating of every period as the runs now stand */
  private lines: ScheduleLine[];
  /** periods invoiced before a late change was booked, by period start: the lines now in force */
  private readonly locked = new Map<number, ScheduleLine[]>();
  /** lines already invoiced that stay whatever comes later: billed originals, credits, rebills */
  private readonly kept: ScheduleLine[] = [];
  endDate: CalendarDate;
  terms: Terms;

  constructor(
    readonly line: ContractLine,
    readonly lineIndex: number,
    contracted: ScheduleLine[],
    private readonly inputs: BillingInputs,
  ) {
    this.lines = contracted;
    this.endDate = line.endDate;
    this.terms = { quantity: line.quantity, unitPrice: line.unitPrice };
    this.runs = [{ from: line.startDate, to: line.endDate, unitPrice: line.unitPrice, row: null }];
  }

  get billed(): boolean {
    // a usage line with no usage yet has no lines but is billed all the same
    return isBillableStage(this.line.stage);
  }

  scheduleLines(): ScheduleLine[] {
    if (this.locked.size === 0) return this.lines;
    return [...this.kept, ...this.lines.filter((l) => !this.locked.has(this.periodOf(l)))];
  }

  compareTerms(_date: CalendarDate, terms: Terms): { before: Decimal; after: Decimal } | null {
    if (this.terms.unitPrice === null || terms.unitPrice === null) return null;
    return { before: this.terms.unitPrice, after: terms.unitPrice };
  }

  change(ctx: AmendmentContext, newTerms: Terms): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null || newTerms.unitPrice === null) return [];
    const before = this.inForce();
    this.cutAt(e);
    this.runs.push({ from: e, to: this.endDate, unitPrice: newTerms.unitPrice, row: ctx.row });
    this.terms = { quantity: this.terms.quantity, unitPrice: newTerms.unitPrice };
    this.rate();
    this.creditAndRebillInvoiced(before, e, ctx);
    return [];
  }

  cancel(ctx: AmendmentContext): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null) return [];
    const before = this.inForce();
    this.cutAt(e);
    this.endDate = addDays(e, -1);
    this.rate();
    this.creditAndRebillInvoiced(before, e, ctx);
    return [];
  }

  /** The lines in force for each period, by period start: locked ones, else the current rating. */
  private inForce(): Map<number, ScheduleLine[]> {
    const byPeriod = new Map<number, ScheduleLine[]>(this.locked);
    for (const [period, lines] of this.byPeriod(this.lines)) if (!this.locked.has(period)) byPeriod.set(period, lines);
    return byPeriod;
  }

  /** `lines` grouped by the start of the monthly period each bills. */
  private byPeriod(lines: readonly ScheduleLine[]): Map<number, ScheduleLine[]> {
    const grouped = new Map<number, ScheduleLine[]>();
    for (const l of lines) {
      const period = this.periodOf(l);
      const list = grouped.get(period);
      if (list) list.push(l);
      else grouped.set(period, [l]);
    }
    return grouped;
  }

  /**
   * Periods with service from E on that were invoiced before the Booked Date keep what they
   * billed; each gets a Credit per line in force and its new rating, invoiced on the Booked Date.
   */
  private creditAndRebillInvoiced(before: Map<number, ScheduleLine[]>, e: CalendarDate, ctx: AmendmentContext): void {
    const booked = ctx.bookedDate;
    const netDays = this.line.paymentTerms.netDays;
    const rerated = this.byPeriod(this.lines);
    for (const [period, billed] of before) {
      if (!billed.some((l) => l.invoiceDate < booked && l.periodEnd >= e)) continue;
      if (!this.locked.has(period)) for (const l of billed) this.kept.push(l);
      for (const l of billed) {
        if (l.netAmount.isZero() && l.amount.isZero()) continue;
        this.kept.push({
          ...l,
          lineId: `${lineIdOf(l)}~row${ctx.row}~credit`,
          lineType: 'Credit',
          invoiceDate: booked,
          dueDate: addDays(booked, netDays),
          amount: l.amount.negated(),
          discount: l.discount.negated(),
          netAmount: l.netAmount.negated(),
          calculation: `credit of usage billed for ${toISO(l.periodStart)} to ${toISO(l.periodEnd)}, rated again under amendment ${ctx.amendmentId} (booked ${toISO(booked)}): -(${formatAmount(l.netAmount, l.contract.currency)}) = ${formatAmount(l.netAmount.negated(), l.contract.currency)}`,
          source: ctx.amendmentId,
          creditOf: lineIdOf(l),
          usageByDate: null,
        });
      }
      const rebills = (rerated.get(period) ?? []).map((l) => ({
        ...l,
        lineId: `${lineIdOf(l)}~row${ctx.row}~rebill`,
        invoiceDate: booked,
        dueDate: addDays(booked, netDays),
        calculation: `${l.calculation} (rated again under amendment ${ctx.amendmentId}, booked ${toISO(booked)})`,
        source: ctx.amendmentId,
      }));
      for (const l of rebills) this.kept.push(l);
      this.locked.set(period, rebills);
    }
  }

  /** The start of the monthly period a usage line bills (its own start when a change cut it). */
  private periodOf(l: ScheduleLine): number {
    const grid = this.grid ??= billingPeriods(this.line, {});
    const p = grid.find((g) => g.start <= l.periodStart && l.periodStart <= g.end);
    return p ? p.start : l.periodStart;
  }

  private grid: ReturnType<typeof billingPeriods> | null = null;

  /** E, or under Proration None the next monthly period start (null: after the line ends) */
  effectiveStart(ctx: AmendmentContext): CalendarDate | null {
    if (ctx.proration !== 'None') return ctx.effectiveDate;
    const next = billingPeriods(this.line, { endDate: this.endDate }).find((p) => p.start >= ctx.effectiveDate);
    return next ? next.start : null;
  }

  /** Runs end on E - 1; runs starting on or after E go. */
  private cutAt(e: CalendarDate): void {
    this.runs = this.runs
      .filter((r) => r.from < e)
      .map((r) => (r.to >= e ? { ...r, to: addDays(e, -1) } : r));
  }

  private rate(): void {
    const lines: ScheduleLine[] = [];
    const grid = billingPeriods(this.line, {});
    this.runs.forEach((run, i) => {
      // A price change splits the period holding E, which is still billed once, at its end.
      const cutPeriod = i < this.runs.length - 1 ? grid.find((p) => p.start <= run.to && run.to < p.end) : undefined;
      const part: ContractLine = { ...this.line, startDate: run.from, endDate: run.to, unitPrice: run.unitPrice };
      // Its own issues were raised when the line was first scheduled; usage after a Cancel is
      // reported by the caller.
      const { lines: rated } = scheduleContractLine(part, this.lineIndex, this.inputs, {
        gridAnchor: this.line.startDate,
        endDate: run.to,
      });
      for (const l of rated) {
        let line = run.row === null ? l : { ...l, lineId: `${lineIdOf(l)}~row${run.row}` };
        if (cutPeriod !== undefined && l.periodEnd === run.to) {
          const invoiceDate = addDays(cutPeriod.end, 1);
          line = { ...line, invoiceDate, dueDate: addDays(invoiceDate, this.line.paymentTerms.netDays) };
        }
        lines.push(line);
      }
    });
    this.lines = lines;
  }
}

/**
 * Milestone lines: amounts come from the Milestones sheet, so only a Cancel touches them:
 * milestones dated on or after E that were not yet invoiced by the Booked Date are not billed.
 */
export class AmendedMilestoneLine implements AmendableLine {
  endDate: CalendarDate;
  terms: Terms;

  constructor(
    readonly line: ContractLine,
    readonly lineIndex: number,
    private lines: ScheduleLine[],
  ) {
    this.endDate = line.endDate;
    this.terms = { quantity: line.quantity, unitPrice: line.unitPrice };
  }

  get billed(): boolean {
    return isBillableStage(this.line.stage);
  }

  scheduleLines(): ScheduleLine[] {
    return this.lines;
  }

  compareTerms(): null {
    return null;
  }

  effectiveStart(ctx: AmendmentContext): CalendarDate {
    return ctx.effectiveDate;
  }

  change(): PeriodChange[] {
    return [];
  }

  cancel(ctx: AmendmentContext): PeriodChange[] {
    const e = ctx.effectiveDate;
    this.lines = this.lines.filter((l) => l.invoiceDate < e || l.invoiceDate < ctx.bookedDate);
    this.endDate = addDays(e, -1);
    return [];
  }
}
