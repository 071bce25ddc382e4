import { applyAmendments } from './amendments';
import { addDays, CalendarDate, toISO } from './calendarDate';
import {
  discountText, factorText, flatPriceText, formatPercent, monthsText, remainderTextMinor, resultText, tcvText, tierPriceText, trueUpText,
} from './calculationText';
import { Decimal, ONE, ZERO } from './decimal';
import { cellAddress, Issue, issueAt } from './issue';
import { formatAmount, halfMinorUnit, minorUnits, roundMoney } from './money';
import type { BillingInputs, ContractLine, LineType, PriceTier, ProrationRow, ScheduleLine, Settings } from './model';
import { assignMilestones, MilestoneAssignment, scheduleMilestoneLine } from './milestones';
import {
  addFractions, billingPeriods, BillingPeriod, divideFractions, Fraction, fraction, PartialMethod, sumMonths,
} from './periods';
import { basisMonths, pricePerBasis, rateThroughTiers, sortTiers, TierRating } from './pricing';
import {
  divideExact, ExactAmount, ExactRun, exactOf, ExactSegment, fromMinorUnits, roundExact, roundExactRuns,
} from './segments';
import { assignUsage, rateUsagePeriod, unitsByDateIn, usedUnits, UsageAssignment } from './usageRating';

/**
 * The contracted billing schedule (billing.md: Which lines are billed, Periods, Amounts and
 * rounding, Timing, Usage rating). Each line is one price segment: each distinct installment is
 * computed and rounded once and shared by the periods it bills, which keeps a 300,000-line book
 * fast; the last installment takes the rounding remainder.
 */

export interface ScheduleOptions {
  /** an anniversary grid anchored elsewhere (Add Product follows its contract's first line) */
  gridAnchor?: CalendarDate;
  /** service ends early (a Cancel: the day before its Effective Date) */
  endDate?: CalendarDate;
}

function key(text: string): string {
  return text.trim().toLowerCase();
}

/** Stage blank or Closed Won is billed; anything else is not. */
export function isBillableStage(stage: string | null): boolean {
  if (stage === null) return true;
  const s = key(stage);
  return s === '' || s === 'closed won';
}

export function partialMethod(settings: Settings): PartialMethod {
  return settings.prorationMethod === '30/360' ? '30/360' : 'Daily';
}

// ------------------------------------------------------------ lookups shared by every line of a run

interface BillingContext {
  contracts: BillingInputs['contracts'];
  usageRows: BillingInputs['usage'];
  milestoneRows: BillingInputs['milestones'];
  priceTiers: BillingInputs['priceTiers'];
  tiers: Map<string, PriceTier[]>;
  usage: UsageAssignment;
  milestones: MilestoneAssignment;
  /** segment values by price and period shape (see scheduleRecurringLine) */
  segments: Map<string, SegmentValues>;
  /** period grids by dates, cadence and anchor: lines starting the same day share one */
  grids: Map<string, PeriodGrid>;
}

/** A line's billing periods with what the segment cache needs of them, computed once per shape. */
interface PeriodGrid {
  periods: BillingPeriod[];
  /** partial periods, factors and months: with the price, what makes a segment's values */
  shape: string;
  /** sumMonths(periods), once */
  term: Fraction | null;
}

const GRID_CACHE_LIMIT = 50_000;

/**
 * billingPeriods of `line`, shared by every line with the same dates, cadence and anchor.
 * BillingPeriod records are only read, never changed, so one array serves all of them.
 */
function periodGrid(line: ContractLine, context: BillingContext, endDate: CalendarDate | undefined,
  gridAnchor: CalendarDate | undefined, method: PartialMethod): PeriodGrid {
  const gridKey = `${line.billingFrequency}|${line.billingAnchor}|${line.startDate}|${line.endDate}|${endDate}|${gridAnchor}|${method}`;
  let grid = context.grids.get(gridKey);
  if (grid === undefined) {
    const periods = billingPeriods(line, { endDate, gridAnchor, prorationMethod: method });
    let shape = `${periods.length}`;
    for (const p of periods) if (p.partial) shape += `|${p.index}:${p.months}:${p.factorFraction.numerator}/${p.factorFraction.denominator}`;
    if (periods.length > 0 && !periods[0].partial) shape += `|m${periods[0].months}`;
    grid = { periods, shape, term: null };
    if (context.grids.size < GRID_CACHE_LIMIT) context.grids.set(gridKey, grid);
  }
  return grid;
}

const contexts = new WeakMap<BillingInputs, BillingContext>();

function contextFor(inputs: BillingInputs): BillingContext {
  const cached = contexts.get(inputs);
  if (cached && cached.contracts === inputs.contracts && cached.usageRows === inputs.usage
    && cached.milestoneRows === inputs.milestones && cached.priceTiers === inputs.priceTiers) {
    return cached;
  }
  const grouped = new Map<string, PriceTier[]>();
  for (const t of inputs.priceTiers) {
    const k = key(t.tierTable);
    const list = grouped.get(k);
    if (list) list.push(t);
    else grouped.set(k, [t]);
  }
  const tiers = new Map<string, PriceTier[]>();
  for (const [k, list] of grouped) tiers.set(k, sortTiers(list));
  const context: BillingContext = {
    contracts: inputs.contracts,
    usageRows: inputs.usage,
    milestoneRows: inputs.milestones,
    priceTiers: inputs.priceTiers,
    tiers,
    usage: assignUsage(inputs.contracts, inputs.usage, inputs.skippedContractIds),
    milestones: assignMilestones(inputs.contracts, inputs.milestones, inputs.skippedContractIds),
    segments: new Map(),
    grids: new Map(),
  };
  contexts.set(inputs, context);
  return context;
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
    if (line.discountPct.isNegative() || line.discountPct.gt(1)) {
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

function isoOrBlank(date: CalendarDate): string {
  return Number.isFinite(date) ? toISO(date) : '';
}

/** Tier table rows of a Tiered/Volume line, or an Error when the table is missing. */
function tiersOfLine(line: ContractLine, context: BillingContext, issues: Issue[]): PriceTier[] | null {
  if (line.pricingModel !== 'Tiered' && line.pricingModel !== 'Volume') return [];
  const tiers = line.tierTable === null ? undefined : context.tiers.get(key(line.tierTable));
  if (!tiers || tiers.length === 0) {
    issues.push(issueAt('Bill', 'Error', line.source, 'tierTable', line.tierTable ?? '',
      line.tierTable === null ? `${line.pricingModel} pricing needs a Tier Table; line not billed` : `Tier Table ${line.tierTable} is not on the Price Tiers sheet; line not billed`,
      'Name a Tier Table that is on the Price Tiers sheet'));
    return null;
  }
  return tiers;
}

function packageSizeOk(line: ContractLine, issues: Issue[]): boolean {
  if (line.pricingModel !== 'Package' || (line.packageSize !== null && line.packageSize.gt(0))) return true;
  issues.push(issueAt('Bill', 'Error', line.source, 'packageSize', line.packageSize?.toString() ?? '',
    'Package pricing needs a Package Size above zero; line not billed', 'Enter the units per package'));
  return false;
}

function beyondLastTierWarning(line: ContractLine, issues: Issue[]): void {
  issues.push(issueAt('Bill', 'Warning', line.source, 'tierTable', line.tierTable ?? '',
    `Quantity goes beyond the last tier of ${line.tierTable ?? ''}; the excess is priced at the last tier`,
    'Leave the last tier\'s To Units blank (no upper bound)'));
}

/** What one period of a segment bills: rounded amounts and the Calculation text. */
interface InstallmentValues {
  net: Decimal;
  gross: Decimal;
  discount: Decimal;
  calculation: string;
}

/** A whole segment's values, shared by every line with the same prices and period shape. */
interface SegmentValues {
  full: InstallmentValues | null;
  /** by period index, for partial periods other than the last (every period when `perPeriod`) */
  partials: (InstallmentValues | undefined)[];
  last: InstallmentValues;
  /** each period has its own values in `partials` (see cumulativeSegment) */
  perPeriod: boolean;
}

const SEGMENT_CACHE_LIMIT = 100_000;

function scheduleRecurringLine(
  line: ContractLine,
  lineIndex: number,
  settings: Settings,
  context: BillingContext,
  options: ScheduleOptions,
  out: ScheduleLine[],
  issues: Issue[],
): void {
  const method = partialMethod(settings);
  const tiers = tiersOfLine(line, context, issues);
  if (tiers === null || !packageSizeOk(line, issues)) return;
  const grid = periodGrid(line, context, options.endDate, options.gridAnchor, method);
  const periods = grid.periods;
  if (periods.length === 0) return;
  const contracted = options.endDate === undefined
    ? grid
    : periodGrid(line, context, undefined, options.gridAnchor, method);
  const term = contracted.term ??= sumMonths(contracted.periods);

  // Lines alike in price and period shape bill alike: compute such a segment once per run.
  const shape = `${term.numerator}/${term.denominator}|${contracted.periods.length}|${grid.shape}`;
  const cacheKey = `${line.pricingModel}|${line.unitPrice?.toString() ?? ''}|${line.quantity.toString()}|${line.totalContractValue?.toString() ?? ''}|`
    + `${line.discountPct.toString()}|${line.priceBasis ?? ''}|${line.billingFrequency}|${line.currency}|${line.tierTable ?? ''}|`
    + `${line.packageSize?.toString() ?? ''}|${settings.rounding}|${method}|${shape}`;
  let values = context.segments.get(cacheKey);
  if (values === undefined) {
    const segmentIssues: Issue[] = [];
    const computed = segmentValues(line, settings, tiers, periods, contracted.periods, term, method, segmentIssues);
    for (const issue of segmentIssues) issues.push(issue);
    if (computed === null) return;
    values = computed;
    // issues are per line, so only a segment that raised none is shared
    if (segmentIssues.length === 0 && context.segments.size < SEGMENT_CACHE_LIMIT) context.segments.set(cacheKey, values);
  }

  const source = cellAddress(line.source);
  const idPrefix = `${line.contractId}|${lineIndex}|`;
  const netDays = line.paymentTerms.netDays;
  const currency = line.currency;
  const arrears = line.billingTiming === 'Arrears';
  const closeDate = line.closeDate;
  const n = periods.length;
  for (let i = 0; i < n; i++) {
    const p = periods[i];
    const v = i === n - 1 ? values.last
      : p.partial || values.perPeriod ? (values.partials[i] as InstallmentValues) : (values.full as InstallmentValues);
    const lineType: LineType = p.partial ? 'Prorated' : 'Recurring';
    // Advance: the period start, not before the Close Date (one catch-up invoice); Arrears: the day after
    const invoiceDate = arrears ? ((p.end + 1) as CalendarDate) : closeDate !== null && p.start < closeDate ? closeDate : p.start;
    out.push({
      lineId: idPrefix + (p.partial ? proratedSuffix(i) : recurringSuffix(i)),
      contractId: line.contractId,
      customer: line.customer,
      product: line.product,
      lineType,
      periodStart: p.start,
      periodEnd: p.end,
      invoiceDate,
      dueDate: (invoiceDate + netDays) as CalendarDate,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      prorationFactor: p.factor,
      amount: v.gross,
      discount: v.discount,
      netAmount: v.net,
      currency,
      tax: ZERO,
      total: v.net,
      reportingAmount: null,
      calculation: v.calculation,
      source,
      billingEntity: line.billingEntity,
      taxJurisdiction: line.taxJurisdiction,
      taxExempt: line.taxExempt,
      contractLineIndex: lineIndex,
      creditOf: null,
      usageByDate: null,
      documentNumber: null,
    });
  }
}

/** "7|Recurring": the same few texts end every line's ID, so they are made once. */
const RECURRING_SUFFIXES: string[] = [];
const PRORATED_SUFFIXES: string[] = [];

function recurringSuffix(i: number): string {
  return RECURRING_SUFFIXES[i] ??= `${i}|Recurring`;
}

function proratedSuffix(i: number): string {
  return PRORATED_SUFFIXES[i] ??= `${i}|Prorated`;
}

function times(value: Decimal, r: Fraction): Decimal {
  if (r.numerator === r.denominator) return value;
  const scaled = r.numerator === 1 ? value : value.times(r.numerator);
  return r.denominator === 1 ? scaled : scaled.dividedBy(r.denominator);
}

/**
 * One line's segment: each distinct installment's unrounded net and gross, rounded once, the
 * last installment taking the remainder (billing.md, Amounts and rounding). Null (with an Error
 * Issue) when the line cannot be billed as stated.
 */
function segmentValues(
  line: ContractLine,
  settings: Settings,
  tiers: readonly PriceTier[],
  periods: readonly BillingPeriod[],
  contracted: readonly BillingPeriod[],
  term: Fraction,
  method: PartialMethod,
  issues: Issue[],
): SegmentValues | null {
  const currency = line.currency;
  const rounding = settings.rounding;
  let tierRating: TierRating | null = null;
  let perBasis: Decimal | null;
  if (line.pricingModel === 'Flat') {
    perBasis = pricePerBasis(line, line.quantity, line.unitPrice);
  } else {
    tierRating = rateThroughTiers(tiers, line.quantity, line.pricingModel, line.packageSize, line.unitPrice);
    perBasis = line.pricingModel === 'Package' && line.unitPrice === null ? null : tierRating.amount;
    if (tierRating.beyondLastTier) beyondLastTierWarning(line, issues);
  }
  const tcv = line.totalContractValue;
  if (perBasis === null && tcv === null) {
    issues.push(issueAt('Bill', 'Error', line.source, 'unitPrice', '',
      'Line has neither a Unit Price nor a Total Contract Value; not billed', 'Enter the Unit Price or the Total Contract Value'));
    return null;
  }
  const d = line.discountPct;
  const keep = ONE.minus(d);

  // each period's share: months x factor / basis months (a price), or months x factor / term months (a TCV).
  // Every period of a line has the cadence's months, so a run's share is (its months x factor) / basis:
  // summing months x factor first keeps the whole numbers small (at most two partial periods).
  const basis = basisMonths(line, periods[0].months, term);
  const share = (p: BillingPeriod, over: Fraction): Fraction => (over.numerator === 0
    ? { numerator: 0, denominator: 1 }
    : fraction(p.months * p.factorFraction.numerator * over.denominator, p.factorFraction.denominator * over.numerator));
  const shareSum = (list: readonly BillingPeriod[], over: Fraction): Fraction =>
    (over.numerator === 0 ? { numerator: 0, denominator: 1 } : divideFractions(sumMonths(list), over));

  if (perBasis !== null && tcv !== null) {
    const value = times(perBasis, shareSum(contracted, basis)).times(keep);
    const tolerance = halfMinorUnit(currency).times(contracted.length);
    if (roundMoney(value, currency, rounding).minus(tcv).abs().gt(tolerance)) {
      issues.push(issueAt('Bill', 'Error', line.source, 'totalContractValue', tcv.toString(),
        `Total Contract Value ${formatAmount(tcv, currency)} does not agree with Unit Price x Quantity over the term, net of discount (${formatAmount(roundMoney(value, currency, rounding), currency)}); line not billed`,
        'Correct the Unit Price, Quantity, Discount % or Total Contract Value, or clear one of them'));
      return null;
    }
  }
  if (tcv !== null && perBasis === null && keep.isZero() && !tcv.isZero()) {
    issues.push(issueAt('Bill', 'Error', line.source, 'discountPct', formatPercent(d),
      'A 100% discount leaves nothing to bill, but the Total Contract Value is not zero; line not billed',
      'Correct the Discount % or the Total Contract Value'));
    return null;
  }

  const spreadOverTerm = tcv !== null || line.priceBasis === 'Term' || (line.priceBasis === null && line.billingFrequency === 'Upfront');
  if (spreadOverTerm && term.numerator === 0) {
    // only 30/360 can make a term of no days: one day on the 30th of a 31-day month
    issues.push(issueAt('Bill', 'Error', line.source, 'endDate', isoOrBlank(line.endDate),
      'The term has no days under 30/360 (DAYS360 counts it as 0), so its price cannot be spread over it; line not billed',
      'Check the Start and End Date, or use the Daily Proration Method'));
    return null;
  }

  // Net and gross as base x share: the net base is the TCV when it governs, else price x (1 - d).
  // Where TCV governs, the gross is the net grossed up by the discount (so Discount never picks
  // up the sub-cent difference between TCV and the price); a 100% discount keeps the list price.
  const tcvGoverns = tcv !== null;
  const grossFromPrice = perBasis !== null && keep.isZero();
  const netBase = tcvGoverns ? exactOf(tcv) : exactOf(d.isZero() ? (perBasis as Decimal) : (perBasis as Decimal).times(keep));
  const netOver = tcvGoverns ? term : basis;
  let grossBase: ExactAmount;
  let grossOver: Fraction;
  if (!tcvGoverns || grossFromPrice) {
    grossBase = d.isZero() ? netBase : exactOf(perBasis as Decimal);
    grossOver = basis;
  } else if (keep.isZero()) {
    grossBase = { numerator: 0n, denominator: 1n };
    grossOver = term;
  } else {
    grossBase = d.isZero() ? netBase : divideExact(netBase, exactOf(keep));
    grossOver = term;
  }
  const sameGross = grossBase === netBase && grossOver === netOver;

  const discountPart = tcvGoverns ? '' : discountText(d);
  const pricePart = perBasis === null || tcvGoverns ? ''
    : tierRating !== null ? tierPriceText(line, tierRating, line.quantity) : flatPriceText(line, line.unitPrice as Decimal, line.quantity);
  const expressionOf = (p: BillingPeriod): string => {
    const partialPart = factorText(p.factorFraction, p.partial, method);
    return tcvGoverns
      ? `${tcvText(tcv, currency, p.months, term)}${partialPart}`
      : `${pricePart}${monthsText(line, p.months, basis)}${partialPart}${discountPart}`;
  };

  // runs of equal installments: every full period is alike, each partial period is its own;
  // the run holding the last period goes last, so it takes the remainder
  const n = periods.length;
  const lastPeriod = periods[n - 1];
  let firstFull: BillingPeriod | null = null;
  let fullCount = 0;
  for (const p of periods) {
    if (!p.partial) {
      firstFull ??= p;
      fullCount++;
    }
  }
  const runPeriods: BillingPeriod[] = [];
  const runCounts: number[] = [];
  const runOfPeriod = new Int32Array(n);
  let fullRun = -1;
  if (firstFull !== null && lastPeriod.partial) {
    fullRun = runPeriods.push(firstFull) - 1;
    runCounts.push(fullCount);
  }
  for (let i = 0; i < n - 1; i++) {
    if (!periods[i].partial) continue;
    runOfPeriod[i] = runPeriods.push(periods[i]) - 1;
    runCounts.push(1);
  }
  if (lastPeriod.partial) {
    runPeriods.push(lastPeriod);
    runCounts.push(1);
  } else {
    fullRun = runPeriods.push(lastPeriod) - 1;
    runCounts.push(fullCount);
  }
  const places = minorUnits(currency);
  const runsOver = (over: Fraction): ExactRun[] => runPeriods.map((p, i) => ({ share: share(p, over), count: runCounts[i] }));
  const netSegment = roundExactRuns(netBase, runsOver(netOver), shareSum(periods, netOver), places, rounding);
  const grossSegment = sameGross ? netSegment : roundExactRuns(grossBase, runsOver(grossOver), shareSum(periods, grossOver), places, rounding);

  // Installments far below one minor unit (0.50 JPY a month) can leave the remainder larger than
  // an installment, with the opposite sign: 1 + 1 + 1 - 1 JPY. Such a segment is rounded by
  // cumulative totals instead, which still sums to round(total) and never flips a sign.
  const flips = (segment: ExactSegment): boolean => {
    const own = segment.last - segment.remainder;
    return (segment.last < 0n && own > 0n) || (segment.last > 0n && own < 0n);
  };
  if (flips(netSegment) || flips(grossSegment)) {
    return cumulativeSegment(periods, netBase, netOver, sameGross ? null : grossBase, grossOver, places, rounding, currency, expressionOf);
  }

  const valuesOf = (run: number, period: BillingPeriod): InstallmentValues => {
    const net = fromMinorUnits(netSegment.installments[run], places);
    const gross = sameGross ? net : fromMinorUnits(grossSegment.installments[run], places);
    return { net, gross, discount: gross === net ? ZERO : gross.minus(net), calculation: resultText(expressionOf(period), net, currency) };
  };
  const partialValues: (InstallmentValues | undefined)[] = new Array<InstallmentValues | undefined>(n);
  for (let i = 0; i < n - 1; i++) if (periods[i].partial) partialValues[i] = valuesOf(runOfPeriod[i], periods[i]);
  const lastNet = fromMinorUnits(netSegment.last, places);
  const lastGross = sameGross ? lastNet : fromMinorUnits(grossSegment.last, places);
  return {
    perPeriod: false,
    full: firstFull !== null && fullCount > (lastPeriod.partial ? 0 : 1) ? valuesOf(fullRun, firstFull) : null,
    partials: partialValues,
    last: {
      net: lastNet,
      gross: lastGross,
      discount: lastGross === lastNet ? ZERO : lastGross.minus(lastNet),
      calculation: remainderTextMinor(expressionOf(lastPeriod), netSegment.last - netSegment.remainder, netSegment.remainder, places),
    },
  };
}

/**
 * Installment k = round(base x shares 1..k) - round(base x shares 1..k-1): each installment
 * keeps the sign of the segment and the segment sums to round(base x all shares).
 */
function cumulativeSegment(
  periods: readonly BillingPeriod[],
  netBase: ExactAmount,
  netOver: Fraction,
  grossBase: ExactAmount | null,
  grossOver: Fraction,
  places: number,
  rounding: Settings['rounding'],
  currency: string,
  expressionOf: (p: BillingPeriod) => string,
): SegmentValues {
  const partials: (InstallmentValues | undefined)[] = new Array<InstallmentValues | undefined>(periods.length);
  let months: Fraction = { numerator: 0, denominator: 1 };
  let netBefore = 0n;
  let grossBefore = 0n;
  let last: InstallmentValues | null = null;
  periods.forEach((p, i) => {
    months = addFractions(months, fraction(p.months * p.factorFraction.numerator, p.factorFraction.denominator));
    const netTo = netOver.numerator === 0 ? 0n : roundExact(netBase, divideFractions(months, netOver), places, rounding);
    const grossTo = grossBase === null ? netTo : grossOver.numerator === 0 ? 0n : roundExact(grossBase, divideFractions(months, grossOver), places, rounding);
    const net = fromMinorUnits(netTo - netBefore, places);
    const gross = grossBase === null ? net : fromMinorUnits(grossTo - grossBefore, places);
    netBefore = netTo;
    grossBefore = grossTo;
    const values: InstallmentValues = {
      net,
      gross,
      discount: gross === net ? ZERO : gross.minus(net),
      calculation: `${resultText(expressionOf(p), net, currency)} (rounded on the running total: each installment is below one minor unit)`,
    };
    if (i === periods.length - 1) last = values;
    else partials[i] = values;
  });
  return { perPeriod: true, full: null, partials, last: last as unknown as InstallmentValues };
}

function scheduleUsageLine(
  line: ContractLine,
  lineIndex: number,
  settings: Settings,
  context: BillingContext,
  options: ScheduleOptions,
  out: ScheduleLine[],
  issues: Issue[],
): void {
  if (line.usageMetric === null) {
    issues.push(issueAt('Bill', 'Error', line.source, 'usageMetric', '',
      'A Usage line needs a Usage Metric; line not billed', 'Enter the Usage Metric its Usage rows carry'));
    return;
  }
  const tiers = tiersOfLine(line, context, issues);
  if (tiers === null || !packageSizeOk(line, issues)) return;
  if ((line.pricingModel === 'Flat' || line.pricingModel === 'Package') && line.unitPrice === null) {
    issues.push(issueAt('Bill', 'Error', line.source, 'unitPrice', '',
      'A Usage line needs a Unit Price (per unit, or per package); line not billed', 'Enter the Unit Price'));
    return;
  }
  const method = partialMethod(settings);
  const periods = periodGrid(line, context, options.endDate, options.gridAnchor, method).periods;
  const records = context.usage.byLine.get(lineIndex) ?? [];
  const currency = line.currency;
  const rounding = settings.rounding;
  const d = line.discountPct;
  const keep = ONE.minus(d);
  const noDiscount = d.isZero();
  const discountPart = discountText(d);
  const minimum = line.minimumCommit !== null && line.minimumCommit.gt(0) ? line.minimumCommit : null;
  const lineSource = cellAddress(line.source);
  const netDays = line.paymentTerms.netDays;
  let beyondWarned = false;
  let r = 0;
  // rows before the first period cannot happen (assignment checks the line's dates)
  for (let k = 0; k < periods.length; k++) {
    const p = periods[k];
    while (r < records.length && records[r].date < p.start) r++;
    const first = r;
    while (r < records.length && records[r].date <= p.end) r++;
    if (first === r && minimum === null) continue;
    const quantity = usedUnits(records, first, r);
    const invoiceDate = addDays(p.end, 1);
    const dueDate = addDays(invoiceDate, netDays);
    const rating = rateUsagePeriod(line, tiers, quantity, p.factorFraction, p.partial);
    if (rating.tierRating?.beyondLastTier && !beyondWarned) {
      beyondLastTierWarning(line, issues);
      beyondWarned = true;
    }
    const gross = roundMoney(rating.gross, currency, rounding);
    const net = noDiscount ? gross : roundMoney(rating.gross.times(keep), currency, rounding);
    if (!rating.gross.isZero()) {
      out.push({
        lineId: `${line.contractId}|${lineIndex}|${k}|Usage`,
        contractId: line.contractId,
        customer: line.customer,
        product: line.product,
        lineType: 'Usage',
        periodStart: p.start,
        periodEnd: p.end,
        invoiceDate,
        dueDate,
        quantity,
        unitPrice: line.unitPrice,
        prorationFactor: p.factor,
        amount: gross,
        discount: noDiscount ? ZERO : gross.minus(net),
        netAmount: net,
        currency,
        tax: ZERO,
        total: net,
        reportingAmount: null,
        calculation: resultText(rating.expression + discountPart, net, currency),
        source: first < r ? cellAddress(records[first].source, 'quantity') : lineSource,
        billingEntity: line.billingEntity,
        taxJurisdiction: line.taxJurisdiction,
        taxExempt: line.taxExempt,
        contractLineIndex: lineIndex,
        creditOf: null,
        usageByDate: unitsByDateIn(records, first, r),
        documentNumber: null,
      });
    }
    if (minimum !== null) {
      const due = roundMoney(p.partial ? minimum.times(p.factor) : minimum, currency, rounding);
      if (net.lt(due)) {
        const trueUp = due.minus(net);
        out.push({
          lineId: `${line.contractId}|${lineIndex}|${k}|True-Up`,
          contractId: line.contractId,
          customer: line.customer,
          product: line.product,
          lineType: 'True-Up',
          periodStart: p.start,
          periodEnd: p.end,
          invoiceDate,
          dueDate,
          quantity: ONE,
          unitPrice: minimum,
          prorationFactor: p.factor,
          amount: trueUp,
          discount: ZERO,
          netAmount: trueUp,
          currency,
          tax: ZERO,
          total: trueUp,
          reportingAmount: null,
          calculation: trueUpText(minimum, p.factorFraction, p.partial, due, net, trueUp, currency),
          source: cellAddress(line.source, 'minimumCommit'),
          billingEntity: line.billingEntity,
          taxJurisdiction: line.taxJurisdiction,
          taxExempt: line.taxExempt,
          contractLineIndex: lineIndex,
          creditOf: null,
          usageByDate: null,
          documentNumber: null,
        });
      }
    }
  }
  if (r < records.length) {
    // service ended early (a Cancel): usage after the last day is not billed
    const rest = records.slice(r);
    const units = rest.reduce((total, rec) => total.plus(rec.quantity), ZERO);
    issues.push(issueAt('Bill', 'Warning', rest[0].source, 'date', toISO(rest[0].date),
      `${rest.length} usage row(s) (${units.toString()} units) of ${line.usageMetric} for contract ${line.contractId} are after the line's service ended; not billed`,
      'Check the usage dates or the cancellation'));
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
  return compareKeyed(key(a), a, key(b), b);
}

/**
 * Deterministic order: Contract ID, Product, Period Start, Invoice Date, line type, lineId.
 * Sorts by a rank per (Contract ID, Product) so the per-line comparison is numeric; lines that
 * arrive nearly in order (as the schedule makes them) sort in close to linear time.
 */
export function sortSchedule(lines: readonly ScheduleLine[]): ScheduleLine[] {
  const byContract = new Map<string, Map<string, number>>();
  const pairs: { contractId: string; product: string }[] = [];
  const rankOf = new Int32Array(lines.length);
  const pairOfLine = new Int32Array(lines.length);
  // a contract line's lines come together: most lines share the previous line's pair
  let lastContract: string | null = null;
  let lastProduct: string | null = null;
  let lastPair = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.contractId === lastContract && l.product === lastProduct) {
      pairOfLine[i] = lastPair;
      continue;
    }
    let products = byContract.get(l.contractId);
    if (!products) {
      products = new Map();
      byContract.set(l.contractId, products);
    }
    let pair = products.get(l.product);
    if (pair === undefined) {
      pair = pairs.length;
      pairs.push({ contractId: l.contractId, product: l.product });
      products.set(l.product, pair);
    }
    pairOfLine[i] = pair;
    lastContract = l.contractId;
    lastProduct = l.product;
    lastPair = pair;
  }
  const pairOrder = pairs.map((_, i) => i).sort((a, b) =>
    compareText(pairs[a].contractId, pairs[b].contractId) || compareText(pairs[a].product, pairs[b].product));
  const pairRank = new Int32Array(pairs.length);
  pairOrder.forEach((pair, rank) => { pairRank[pair] = rank; });
  for (let i = 0; i < lines.length; i++) rankOf[i] = pairRank[pairOfLine[i]];
  // (rank, Period Start) and (Invoice Date, line type) packed into two exact whole numbers each
  // line, so most comparisons read two typed arrays; dates outside +-2^24 days keep the long form
  const major = new Float64Array(lines.length);
  const minor = new Float64Array(lines.length);
  let packed = lines.length < 2 ** 27;
  for (let i = 0; i < lines.length && packed; i++) {
    const l = lines[i];
    const start = l.periodStart;
    const invoice = l.invoiceDate;
    const type = LINE_TYPE_ORDER[l.lineType] as number | undefined;
    packed = Number.isInteger(start) && Number.isInteger(invoice) && Math.abs(start) < DAY_RANGE && Math.abs(invoice) < DAY_RANGE && type !== undefined;
    major[i] = rankOf[i] * 2 * DAY_RANGE + (start + DAY_RANGE);
    minor[i] = (invoice + DAY_RANGE) * 8 + (type ?? 0);
  }
  const compare = packed
    ? (a: number, b: number): number => major[a] - major[b] || minor[a] - minor[b] || compareIds(lines[a].lineId, lines[b].lineId)
    : (a: number, b: number): number => {
      const la = lines[a];
      const lb = lines[b];
      return rankOf[a] - rankOf[b]
        || la.periodStart - lb.periodStart
        || la.invoiceDate - lb.invoiceDate
        || LINE_TYPE_ORDER[la.lineType] - LINE_TYPE_ORDER[lb.lineType]
        || compareIds(la.lineId, lb.lineId);
    };
  let inOrder = true;
  for (let i = 1; i < lines.length && inOrder; i++) inOrder = compare(i - 1, i) <= 0;
  if (inOrder) return lines.slice();
  const order = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) order[i] = i;
  order.sort(compare);
  const sorted = new Array<ScheduleLine>(lines.length);
  for (let i = 0; i < order.length; i++) sorted[i] = lines[order[i]];
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
  const contractKeys = contracts.map((l) => key(l.contractId));
  const productKeys = contracts.map((l) => key(l.product));
  const order = contracts.map((_, i) => i).sort((a, b) => {
    const la = contracts[a];
    const lb = contracts[b];
    return compareKeyed(contractKeys[a], la.contractId, contractKeys[b], lb.contractId)
      || compareKeyed(productKeys[a], la.product, productKeys[b], lb.product)
      || la.startDate - lb.startDate || a - b;
  });
  const warned = new Set<string>();
  for (const index of order) {
    const line = contracts[index];
    if (!isBillableStage(line.stage)) {
      const contractKey = key(line.contractId);
      if (!warned.has(contractKey)) {
        warned.add(contractKey);
        issues.push(issueAt('Bill', 'Warning', line.source, 'stage', line.stage ?? '',
          `Contract ${line.contractId} is not Closed Won (Stage ${line.stage ?? ''}); its lines with that Stage are not billed`,
          'Bill it once the opportunity is Closed Won (or clear the Stage)'));
      }
      continue;
    }
    scheduleLineInto(line, index, inputs, {}, lines, issues);
  }
  for (const issue of context.usage.issues) issues.push(issue);
  for (const issue of context.milestones.issues) issues.push(issue);
  const amended = applyAmendments(inputs, lines);
  for (const issue of amended.issues) issues.push(issue);
  return { lines: sortSchedule(amended.lines), proration: amended.proration, issues };
}
