import { Decimal, ONE, sum, ZERO } from './decimal';
import type { ContractLine, PriceTier } from './model';
import { BillingPeriod, Fraction, PartialMethod, sumMonths } from './periods';
import { basisMonths, fullPeriodAmount, rateThroughTiers, tiersFor } from './pricing';
import type { Terms } from './amendmentCalculation';
import { discountText, factorText, flatPriceText, formatQuantity, monthsText, tcvText, tierPriceText } from './calculationText';

export interface Amounts {
  gross: Decimal;
  net: Decimal;
}

/**
 * What one period of a line costs at given terms, unrounded: the "new" of an amendment
 * (billing.md: "the unrounded full amount at the new terms"), times the period's own factor when
 * the period is partial, gross and net of Discount %.
 */
export class PeriodPricing {
  private readonly termMonths: Fraction;
  private readonly method: PartialMethod;
  private readonly tiers: readonly PriceTier[];
  /** Total Contract Value lines: each contracted period's share of the TCV (net), by period start */
  private readonly tcvShare = new Map<number, Decimal>();
  /**
   * Whole periods of one cadence cost the same and read the same at the same terms, and an
   * amendment reprices every remaining period at one Terms object: the last whole period's
   * amounts and text are kept for the Terms object and cadence months they were made for.
   */
  private wholeAmounts: { terms: Terms; months: number; amounts: Amounts } | null = null;
  private wholeText: { terms: Terms; months: number; text: string } | null = null;

  /**
   * `contractedPeriods` are the line's periods as contracted: billingPeriods(line) with the
   * caller's grid anchor and proration method and no end date. Their months are the term.
   */
  constructor(
    readonly line: ContractLine,
    contractedPeriods: readonly BillingPeriod[],
    priceTiers: readonly PriceTier[],
    options: { prorationMethod?: PartialMethod },
  ) {
    this.method = options.prorationMethod ?? 'Daily';
    this.termMonths = sumMonths(contractedPeriods);
    this.tiers = tiersFor(line.tierTable, priceTiers);
    if (line.unitPrice === null && line.totalContractValue !== null) {
      // The TCV is shared in proportion to cadence months x factor (billing.md), as it was contracted.
      const weights = contractedPeriods.map((p) => new Decimal(p.months).times(p.factor));
      const total = sum(weights);
      contractedPeriods.forEach((p, i) => {
        this.tcvShare.set(p.start, total.isZero() ? ZERO : line.totalContractValue!.times(weights[i]).dividedBy(total));
      });
    }
  }

  amountsAt(terms: Terms, period: BillingPeriod): Amounts {
    const byTermsOnly = !period.partial && (terms.unitPrice !== null || this.line.pricingModel === 'Tiered' || this.line.pricingModel === 'Volume');
    if (!byTermsOnly) return this.computeAmounts(terms, period);
    const kept = this.wholeAmounts;
    if (kept !== null && kept.terms === terms && kept.months === period.months) return kept.amounts;
    const amounts = this.computeAmounts(terms, period);
    this.wholeAmounts = { terms, months: period.months, amounts };
    return amounts;
  }

  private computeAmounts(terms: Terms, period: BillingPeriod): Amounts {
    const keep = ONE.minus(this.line.discountPct);
    if (terms.unitPrice === null && this.line.pricingModel !== 'Tiered' && this.line.pricingModel !== 'Volume') {
      // No price of its own: the contracted TCV share, scaled by any new quantity.
      const share = this.tcvShare.get(period.start) ?? ZERO;
      const net = this.line.quantity.isZero() ? share : share.times(terms.quantity).dividedBy(this.line.quantity);
      return { gross: keep.isZero() ? net : net.dividedBy(keep), net };
    }
    const full = fullPeriodAmount(this.line, terms.quantity, terms.unitPrice ?? ZERO, period.months, this.termMonths, this.tiers);
    const gross = period.partial ? full.times(period.factor) : full;
    return { gross, net: gross.times(keep) };
  }

  /** "12,000.00/yr x 5 x 1/12 [x 17/31] [x (1 - 10%)]" for the Calculation column. */
  termsText(terms: Terms, period: BillingPeriod): string {
    if (period.partial) return this.computeTermsText(terms, period);
    const kept = this.wholeText;
    if (kept !== null && kept.terms === terms && kept.months === period.months) return kept.text;
    const text = this.computeTermsText(terms, period);
    this.wholeText = { terms, months: period.months, text };
    return text;
  }

  private computeTermsText(terms: Terms, period: BillingPeriod): string {
    const line = this.line;
    const basis = basisMonths(line, period.months, this.termMonths);
    const tail =
      monthsText(line, period.months, basis) +
      factorText(period.factorFraction, period.partial, this.method) +
      discountText(line.discountPct);
    if (line.pricingModel !== 'Flat') {
      const rating = rateThroughTiers(this.tiers, terms.quantity, line.pricingModel, line.packageSize, terms.unitPrice);
      return tierPriceText(line, rating, terms.quantity) + tail;
    }
    if (terms.unitPrice === null) {
      const tcv = tcvText(line.totalContractValue ?? ZERO, line.currency, period.months, this.termMonths);
      const scale = terms.quantity.equals(line.quantity) ? '' : ` x ${formatQuantity(terms.quantity)}/${formatQuantity(line.quantity)} quantity`;
      return tcv + factorText(period.factorFraction, period.partial, this.method) + scale;
    }
    return flatPriceText(line, terms.unitPrice, terms.quantity) + tail;
  }
}
