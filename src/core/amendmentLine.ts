import { addDays, CalendarDate, maxDate } from './calendarDate';
import { Decimal, ONE, ZERO } from './decimal';
import type { ContractLine, ProrationMethod, ScheduleLine } from './model';
import { roundMoney, Rounding } from './money';
import type { BillingPeriod } from './periods';
import { remainingShare, RemainingShare, wholePeriodShare } from './prorationFactor';
import { roundSegmentWithMethod } from './segments';
import { blendedChargeText, creditText, proratedChargeText, Terms } from './amendmentCalculation';
import { Amounts, PeriodPricing } from './amendmentPricing';
import { remainderText } from './calculationText';
import { lineIdOf } from './lineId';

/**
 * One periodic contract line (Monthly ... Upfront) as amendments leave it: its periods, the
 * charge billing each, and the Credit / Prorated lines amendments added (billing.md, Amendments).
 */

interface PeriodState {
  period: BillingPeriod;
  /** the line that bills the period; null once a Cancel removed it */
  charge: ScheduleLine | null;
  /** the period's amount at the terms in force at its end, as scheduled: the "old" of the next amendment */
  current: Amounts;
  currentTerms: Terms;
  /** the ID of the line a credit of this period mirrors: the last Prorated line, or null for the charge itself */
  creditTarget: string | null;
  /** unrounded value of a not-yet-billed charge that amendments inside the period blended */
  blend: Amounts | null;
  /** Credit and Prorated lines already added for this period */
  extras: Amounts;
  /** an earlier amendment found it invoiced (credited and rebilled it): billed for every later one */
  invoiced: boolean;
}

/** What one amendment did to one period: a row of the Proration sheet. */
export interface PeriodChange {
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  oldPeriodAmount: Decimal;
  newPeriodAmount: Decimal;
  share: RemainingShare;
  credit: Decimal;
  charge: Decimal;
  calculation: string;
}

export interface AmendmentContext {
  amendmentId: string;
  /** sheet row, to keep added line IDs unique even when two rows share an Amendment ID */
  row: number;
  effectiveDate: CalendarDate;
  bookedDate: CalendarDate;
  proration: ProrationMethod;
}

/** A contract line (or an added product) amendments can change: periodic, usage or milestone. */
export interface AmendableLine {
  readonly line: ContractLine;
  readonly lineIndex: number;
  /** last day of service as amended */
  endDate: CalendarDate;
  /** false when the line produced no schedule (not Closed Won, or an Error skipped it) */
  readonly billed: boolean;
  change(ctx: AmendmentContext, newTerms: Terms): PeriodChange[];
  cancel(ctx: AmendmentContext): PeriodChange[];
  scheduleLines(): ScheduleLine[];
  /** unrounded full period amount around `date` at the current and at `terms` (Upgrade check) */
  compareTerms(date: CalendarDate, terms: Terms): { before: Decimal; after: Decimal } | null;
  readonly terms: Terms;
  /** E, or under Proration None the next period start; null when that is after the line ends */
  effectiveStart(ctx: AmendmentContext): CalendarDate | null;
}

/** Nothing added to a period yet: shared, as `extras` is replaced, never changed in place. */
const NO_EXTRAS: Amounts = Object.freeze({ gross: ZERO, net: ZERO });

export class AmendedLine implements AmendableLine {
  readonly periods: PeriodState[];
  readonly added: ScheduleLine[] = [];
  /** lines of this contract line that bill no period (kept as they are) */
  private readonly unmatched: ScheduleLine[] = [];
  terms: Terms;
  /** last day of service (the day before a Cancel's Effective Date once cancelled) */
  endDate: CalendarDate;

  constructor(
    readonly line: ContractLine,
    readonly lineIndex: number,
    periods: BillingPeriod[],
    charges: ScheduleLine[],
    private readonly pricing: PeriodPricing,
    private readonly rounding: Rounding,
  ) {
    this.terms = { quantity: line.quantity, unitPrice: line.unitPrice };
    this.endDate = line.endDate;
    this.periods = [];
    // as scheduled, each period has its one charge, in order: pair them without a lookup
    if (charges.length === periods.length && charges.every((c, i) => (c.lineType === 'Recurring' || c.lineType === 'Prorated') && c.periodStart === periods[i].start)) {
      charges.forEach((charge, i) => this.periods.push(this.stateOfPeriod(periods[i], charge)));
      return;
    }
    const byStart = new Map<number, ScheduleLine>();
    for (const c of charges) {
      if ((c.lineType === 'Recurring' || c.lineType === 'Prorated') && !byStart.has(c.periodStart)) byStart.set(c.periodStart, c);
      else this.unmatched.push(c);
    }
    for (const period of periods) {
      const charge = byStart.get(period.start);
      if (!charge) continue;
      byStart.delete(period.start);
      this.periods.push(this.stateOfPeriod(period, charge));
    }
    for (const left of byStart.values()) this.unmatched.push(left);
  }

  private stateOfPeriod(period: BillingPeriod, charge: ScheduleLine): PeriodState {
    return {
      period,
      charge,
      current: { gross: charge.amount, net: charge.netAmount },
      currentTerms: this.terms,
      creditTarget: null,
      blend: null,
      extras: NO_EXTRAS,
      invoiced: false,
    };
  }

  get billed(): boolean {
    return this.periods.length > 0;
  }

  /** Every line this contract line now bills: its charges and the lines amendments added. */
  scheduleLines(): ScheduleLine[] {
    const charges = this.periods.map((p) => p.charge).filter((c): c is ScheduleLine => c !== null);
    return [...charges, ...this.added, ...this.unmatched];
  }

  /** The full period amount around `date` at the current terms and at `terms` (unrounded, gross). */
  compareTerms(date: CalendarDate, terms: Terms): { before: Decimal; after: Decimal } | null {
    const p = this.periods.find((s) => s.period.start <= date && date <= s.period.end) ?? this.periods[this.periods.length - 1];
    if (!p) return null;
    return {
      before: this.pricing.amountsAt(this.terms, p.period).gross,
      after: this.pricing.amountsAt(terms, p.period).gross,
    };
  }

  /**
   * The first day the change takes effect: E itself, or under Proration None the next period
   * start (null when no period of the line starts on or after it).
   */
  effectiveStart(ctx: AmendmentContext): CalendarDate | null {
    const e = ctx.effectiveDate;
    if (ctx.proration !== 'None') return e;
    const next = this.periods.find((p) => p.charge !== null && p.period.start >= e);
    return next ? next.period.start : null;
  }

  /**
   * Upgrade / Downgrade / Quantity Change / Price Change from `ctx` on: billed periods get a
   * Credit and a Prorated charge, an unbilled period containing E is billed once as a blend,
   * and the rest form a new price segment.
   */
  change(ctx: AmendmentContext, newTerms: Terms): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null) return [];
    const method = ctx.proration === '30/360' ? '30/360' : 'Daily';
    const rows: PeriodChange[] = [];
    const segment: PeriodState[] = [];
    for (const p of this.periods) {
      if (p.charge === null || p.period.end < e) continue;
      const invoiced = p.invoiced || p.charge.invoiceDate < ctx.bookedDate;
      // a period wholly after E and not yet invoiced joins the new segment: no share to work out
      if (!invoiced && e <= p.period.start) {
        segment.push(p);
        continue;
      }
      const share = e > p.period.start ? remainingShare(p.period.start, p.period.end, e, method) : wholePeriodShare(p.period.start, p.period.end, method);
      if (invoiced) {
        rows.push(this.creditAndRebill(p, ctx, e, share, newTerms));
      } else if (share.daysUsed > 0) {
        rows.push(this.blendUnbilled(p, ctx, share, newTerms));
      } else {
        segment.push(p);
      }
    }
    this.reprice(segment, ctx, newTerms);
    this.terms = newTerms;
    return rows;
  }

  /**
   * Cancel: service ends on E - 1. Billed periods get a Credit for the days from E; an unbilled
   * period containing E is billed for [S, E - 1] (in arrears on E); later unbilled periods go.
   */
  cancel(ctx: AmendmentContext): PeriodChange[] {
    const e = this.effectiveStart(ctx);
    if (e === null) return [];
    const method = ctx.proration === '30/360' ? '30/360' : 'Daily';
    const rows: PeriodChange[] = [];
    for (const p of this.periods) {
      if (p.charge === null || p.period.end < e) continue;
      const invoiced = p.invoiced || p.charge.invoiceDate < ctx.bookedDate;
      if (!invoiced && e <= p.period.start) {
        p.charge = null;
        continue;
      }
      const share = e > p.period.start ? remainingShare(p.period.start, p.period.end, e, method) : wholePeriodShare(p.period.start, p.period.end, method);
      if (invoiced) {
        rows.push(this.creditAndRebill(p, ctx, e, share, null));
      } else if (share.daysUsed > 0) {
        rows.push(this.blendUnbilled(p, ctx, share, null));
        this.cutAt(p, e, share);
      } else {
        p.charge = null;
      }
    }
    this.endDate = addDays(e, -1);
    return rows;
  }

  // ---------------------------------------------------------------- the three cases

  private creditAndRebill(
    p: PeriodState,
    ctx: AmendmentContext,
    e: CalendarDate,
    share: RemainingShare,
    newTerms: Terms | null,
  ): PeriodChange {
    const charge = p.charge!;
    // the period's charge keeps its ID through every change: the IDs of the lines added to the period start with it
    const periodId = lineIdOf(charge);
    const currency = charge.contract.currency;
    const invoiceDate = maxDate(e, ctx.bookedDate);
    const serviceStart = maxDate(e, p.period.start);
    const billed = { gross: charge.amount.plus(p.extras.gross), net: charge.netAmount.plus(p.extras.net) };
    const old = p.current;
    p.invoiced = true;
    let creditGross = this.round(old.gross.times(share.factor), currency).negated();
    let creditNet = this.round(old.net.times(share.factor), currency).negated();
    // A credit never exceeds what was billed for the period it touches: the charge plus earlier
    // Prorated charges less earlier Credits. Nothing billed (zero, or a negative installment a
    // tiny price's rounding left) leaves nothing to take back, and a credit never adds money.
    const allowed = clampToRange(creditNet, billed.net.negated());
    const capped = !allowed.equals(creditNet);
    if (capped) {
      creditNet = allowed;
      creditGross = allowed.isZero() ? ZERO : billed.gross.negated();
    }
    const factor = p.period.factor.times(share.factor);
    const creditCalc = creditText(old.net, share, creditNet, currency, capped);
    if (!creditGross.isZero() || !creditNet.isZero()) {
      this.added.push(
        this.newLine(charge, {
          lineId: `${periodId}~row${ctx.row}~credit`,
          lineType: 'Credit',
          periodStart: serviceStart,
          periodEnd: p.period.end,
          invoiceDate,
          terms: p.currentTerms,
          factor,
          gross: creditGross,
          net: creditNet,
          calculation: creditCalc,
          source: ctx.amendmentId,
          creditOf: p.creditTarget ?? periodId,
        }),
      );
    }
    let chargeNet = ZERO;
    let newNet = ZERO;
    let calculation = creditCalc;
    p.extras = { gross: p.extras.gross.plus(creditGross), net: p.extras.net.plus(creditNet) };
    if (newTerms !== null) {
      const fresh = this.pricing.amountsAt(newTerms, p.period);
      newNet = fresh.net;
      const gross = this.round(fresh.gross.times(share.factor), currency);
      chargeNet = this.round(fresh.net.times(share.factor), currency);
      const text = proratedChargeText(this.termsText(newTerms, p.period), share, chargeNet, currency);
      const lineId = `${periodId}~row${ctx.row}~prorated`;
      if (!gross.isZero() || !chargeNet.isZero()) {
        this.added.push(
          this.newLine(charge, {
            lineId,
            lineType: 'Prorated',
            periodStart: serviceStart,
            periodEnd: p.period.end,
            invoiceDate,
            terms: newTerms,
            factor,
            gross,
            net: chargeNet,
            calculation: text,
            source: ctx.amendmentId,
            creditOf: null,
          }),
        );
        p.creditTarget = lineId;
      }
      calculation = `${creditCalc}; ${text}`;
      p.extras = { gross: p.extras.gross.plus(gross), net: p.extras.net.plus(chargeNet) };
      p.current = fresh;
      p.currentTerms = newTerms;
    }
    return {
      periodStart: p.period.start,
      periodEnd: p.period.end,
      oldPeriodAmount: this.round(old.net, currency),
      newPeriodAmount: this.round(newNet, currency),
      share,
      credit: creditNet,
      charge: chargeNet,
      calculation,
    };
  }

  /** Arrears (or a not-yet-invoiced period): billed once, as old x (1 - factor) + new x factor. */
  private blendUnbilled(p: PeriodState, ctx: AmendmentContext, share: RemainingShare, newTerms: Terms | null): PeriodChange {
    const charge = p.charge!;
    const currency = charge.contract.currency;
    const old = p.current;
    const scheduled = p.blend ?? { gross: charge.amount, net: charge.netAmount };
    const fresh = newTerms === null ? { gross: ZERO, net: ZERO } : this.pricing.amountsAt(newTerms, p.period);
    const blend = {
      gross: scheduled.gross.minus(old.gross.times(share.factor)).plus(fresh.gross.times(share.factor)),
      net: scheduled.net.minus(old.net.times(share.factor)).plus(fresh.net.times(share.factor)),
    };
    const gross = this.round(blend.gross, currency);
    const net = this.round(blend.net, currency);
    const termsText = newTerms === null ? null : this.termsText(newTerms, p.period);
    const calculation = blendedChargeText(scheduled.net, old.net, termsText, share, net, currency);
    p.charge = {
      ...charge,
      quantity: (newTerms ?? p.currentTerms).quantity,
      unitPrice: (newTerms ?? p.currentTerms).unitPrice,
      amount: gross,
      discount: gross.minus(net),
      netAmount: net,
      calculation,
      source: ctx.amendmentId,
    };
    p.blend = blend;
    if (newTerms !== null) {
      p.current = fresh;
      p.currentTerms = newTerms;
    }
    return {
      periodStart: p.period.start,
      periodEnd: p.period.end,
      oldPeriodAmount: this.round(old.net, currency),
      newPeriodAmount: this.round(fresh.net, currency),
      share,
      credit: this.round(old.net.times(share.factor), currency).negated(),
      charge: this.round(fresh.net.times(share.factor), currency),
      calculation,
    };
  }

  /** The last period of a cancelled line ends on E - 1; in arrears it is invoiced on E. */
  private cutAt(p: PeriodState, e: CalendarDate, share: RemainingShare): void {
    const charge = p.charge!;
    p.period = { ...p.period, end: addDays(e, -1), factor: p.period.factor.times(ONE.minus(share.factor)) };
    const arrears = this.line.billingTiming === 'Arrears';
    const invoiceDate = arrears ? e : charge.invoiceDate;
    p.charge = {
      ...charge,
      periodEnd: p.period.end,
      prorationFactor: p.period.factor,
      invoiceDate,
      dueDate: addDays(invoiceDate, this.line.paymentTerms.netDays),
    };
  }

  /** Unbilled whole periods at the new terms: one new price segment, rounded once, remainder last. */
  private reprice(segment: PeriodState[], ctx: AmendmentContext, newTerms: Terms): void {
    if (segment.length === 0) return;
    const currency = this.line.currency;
    const fresh = segment.map((p) => this.pricing.amountsAt(newTerms, p.period));
    let grossRounded = roundSegmentWithMethod(fresh.map((f) => f.gross), currency, this.rounding);
    let netRounded = roundSegmentWithMethod(fresh.map((f) => f.net), currency, this.rounding);
    const runningTotal = grossRounded.cumulative || netRounded.cumulative;
    // Amount and Net Amount are rounded alike, so Discount keeps its sign on every installment
    if (runningTotal && !grossRounded.cumulative) grossRounded = roundSegmentWithMethod(fresh.map((f) => f.gross), currency, this.rounding, undefined, true);
    if (runningTotal && !netRounded.cumulative) netRounded = roundSegmentWithMethod(fresh.map((f) => f.net), currency, this.rounding, undefined, true);
    const gross = grossRounded.installments;
    const net = netRounded.installments;
    // whole periods alike in amounts read alike: their discount and text are made once
    let alike: { fresh: Decimal; net: Decimal; gross: Decimal; discount: Decimal; calculation: string } | null = null;
    segment.forEach((p, i) => {
      const charge = p.charge!;
      let same = alike;
      if (same === null || p.period.partial || same.fresh !== fresh[i].net || same.net !== net[i] || same.gross !== gross[i]) {
        const own = this.round(fresh[i].net, currency);
        same = {
          fresh: fresh[i].net,
          net: net[i],
          gross: gross[i],
          discount: gross[i].minus(net[i]),
          calculation: runningTotal
            ? `${remainderText(this.termsText(newTerms, p.period), net[i], ZERO, currency)} (rounded on the running total: each installment is below one minor unit)`
            : remainderText(this.termsText(newTerms, p.period), own, net[i].minus(own), currency),
        };
        alike = p.period.partial ? null : same;
      }
      // changed in place, not copied: the charge is this run's own line, and the schedule takes
      // this contract line's lines from here, in place of its contracted ones (see AmendedBook)
      charge.quantity = newTerms.quantity;
      charge.unitPrice = newTerms.unitPrice;
      charge.amount = gross[i];
      charge.discount = same.discount;
      charge.netAmount = net[i];
      charge.calculation = same.calculation;
      charge.source = ctx.amendmentId;
      p.current = { gross: gross[i], net: net[i] };
      p.currentTerms = newTerms;
      p.creditTarget = null;
      p.blend = null;
    });
  }

  // ---------------------------------------------------------------- small pieces

  private round(value: Decimal, currency: string): Decimal {
    return roundMoney(value, currency, this.rounding);
  }

  private termsText(terms: Terms, period: BillingPeriod): string {
    return this.pricing.termsText(terms, period);
  }

  private newLine(
    template: ScheduleLine,
    f: {
      lineId: string;
      lineType: 'Credit' | 'Prorated';
      periodStart: CalendarDate;
      periodEnd: CalendarDate;
      invoiceDate: CalendarDate;
      terms: Terms;
      factor: Decimal;
      gross: Decimal;
      net: Decimal;
      calculation: string;
      source: string;
      creditOf: string | null;
    },
  ): ScheduleLine {
    // written out in full rather than spread from the template: quicker, and the same shape
    return {
      contract: template.contract,
      lineId: f.lineId,
      lineType: f.lineType,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      invoiceDate: f.invoiceDate,
      dueDate: addDays(f.invoiceDate, this.line.paymentTerms.netDays),
      quantity: f.terms.quantity,
      unitPrice: f.terms.unitPrice,
      prorationFactor: f.factor,
      amount: f.gross,
      discount: f.gross.minus(f.net),
      netAmount: f.net,
      calculation: f.calculation,
      source: f.source,
      creditOf: f.creditOf,
      usageByDate: null,
    };
  }
}

/**
 * A credit `value` (negative) held between `limit` (minus what was billed) and 0: it takes back
 * at most all that was billed, and nothing when the period billed nothing or less than nothing.
 */
function clampToRange(value: Decimal, limit: Decimal): Decimal {
  const low = Decimal.min(ZERO, limit);
  return Decimal.min(ZERO, Decimal.max(low, value));
}
