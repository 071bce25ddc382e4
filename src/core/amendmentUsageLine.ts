import { addDays, CalendarDate } from './calendarDate';
import type { Decimal } from './decimal';
import type { BillingInputs, ContractLine, ScheduleLine } from './model';
import { billingPeriods } from './periods';
import { isBillableStage, scheduleContractLine } from './schedule';
import type { Terms } from './amendmentCalculation';
import type { AmendableLine, AmendmentContext, PeriodChange } from './amendmentLine';

/**
 * Usage lines under amendments. Usage is rated per monthly period in arrears, so nothing is
 * credited: a new Unit Price rates usage from E on at the new price (the period holding E is
 * rated in two parts, [S, E - 1] and [E, T], each with its share of Included Units and Minimum
 * Commit), and a Cancel rates the last period [S, E - 1], invoiced on E. The usage rater does
 * the rating; this only cuts the line into runs of one price.
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
  private lines: ScheduleLine[];
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
    return this.lines;
  }

  compareTerms(_date: CalendarDate, terms: Terms): { before: Decimal; after: Decimal } | null {
    if (this.terms.unitPrice === null || terms.unitPrice === null) return null;
    return { before: this.terms.unitPrice, after: terms.unitPrice };
  }

  change(ctx: AmendmentContext, newTerms: Terms): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null || newTerms.unitPrice === null) return [];
    this.cutAt(e);
    this.runs.push({ from: e, to: this.endDate, unitPrice: newTerms.unitPrice, row: ctx.row });
    this.terms = { quantity: this.terms.quantity, unitPrice: newTerms.unitPrice };
    this.rate();
    return [];
  }

  cancel(ctx: AmendmentContext): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null) return [];
    this.cutAt(e);
    this.endDate = addDays(e, -1);
    this.rate();
    return [];
  }

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
        let line = run.row === null ? l : { ...l, lineId: `${l.lineId}~row${run.row}` };
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
