import { addDays, toISO } from './calendarDate';
import { discountText, flatText, resultText, resultTextMinor, trueUpText } from './calculationText';
import { Decimal, ONE, ZERO } from './decimal';
import { cellAddress, Issue, issueAt } from './issue';
import { lineContract } from './lineContract';
import { minorUnits, roundMoney } from './money';
import type { ContractLine, ScheduleLine, Settings } from './model';
import {
  beyondLastTierWarning, BillingContext, packageSizeOk, partialMethod, periodGrid, ScheduleOptions, sharedAmount, tiersOfLine,
} from './scheduleContext';
import { rateUsagePeriod, unitsByDateIn, usedUnits, wholeUnitsUsed } from './usageRating';
import { WholeUnitRater, wholeUnitRaterOf } from './wholeUnitRating';

/**
 * Usage lines (billing.md, Usage rating): each monthly period bills, in arrears, the usage dated
 * in it, rated by usageRating, and a True-Up where a Minimum Commit is not reached.
 */

export function scheduleUsageLine(
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
  const places = minorUnits(currency);
  const whole = wholeUnitRaterOf(line, tiers, rounding, context.usageRaters);
  const netDays = line.paymentTerms.netDays;
  const contract = lineContract(line, lineIndex);
  let beyondWarned = false;
  let r = 0;
  // rows before the first period cannot happen (assignment checks the line's dates)
  for (let k = 0; k < periods.length; k++) {
    const p = periods[k];
    while (r < records.length && records[r].date < p.start) r++;
    const first = r;
    while (r < records.length && records[r].date <= p.end) r++;
    if (first === r && minimum === null) continue;
    const invoiceDate = addDays(p.end, 1);
    const dueDate = addDays(invoiceDate, netDays);
    const units = whole === null ? null : wholeUnitsUsed(records, first, r);
    const fast = units === null ? null : (whole as WholeUnitRater).rate(units, p.partial);
    let quantity: Decimal;
    let gross: Decimal;
    let net: Decimal;
    let discount: Decimal;
    let expression: string;
    let charged: boolean;
    let beyond: boolean;
    if (fast !== null) {
      quantity = sharedAmount(context, units as number, 0);
      gross = sharedAmount(context, fast.grossMinor, places);
      net = noDiscount ? gross : sharedAmount(context, fast.netMinor, places);
      discount = noDiscount ? ZERO : sharedAmount(context, fast.grossMinor - fast.netMinor, places);
      ({ expression, charged } = fast);
      beyond = fast.beyondLastTier;
    } else {
      quantity = usedUnits(records, first, r);
      const rating = rateUsagePeriod(line, tiers, quantity, p.factorFraction, p.partial);
      gross = roundMoney(rating.gross, currency, rounding);
      net = noDiscount ? gross : roundMoney(rating.gross.times(keep), currency, rounding);
      discount = noDiscount ? ZERO : gross.minus(net);
      expression = rating.expression;
      charged = !rating.gross.isZero();
      beyond = rating.tierRating?.beyondLastTier === true;
    }
    if (beyond && !beyondWarned) {
      beyondLastTierWarning(line, issues);
      beyondWarned = true;
    }
    if (charged) {
      out.push({
        contract,
        lineId: k,
        lineType: 'Usage',
        periodStart: p.start,
        periodEnd: p.end,
        invoiceDate,
        dueDate,
        quantity,
        unitPrice: line.unitPrice,
        prorationFactor: p.factor,
        amount: gross,
        discount,
        netAmount: net,
        calculation: flatText(fast === null ? resultText(expression + discountPart, net, currency) : resultTextMinor(expression + discountPart, fast.netMinor, places)),
        source: first < r ? cellAddress(records[first].source, 'quantity') : lineSource,
        creditOf: null,
        usageByDate: unitsByDateIn(records, first, r),
      });
    }
    if (minimum !== null) {
      const due = roundMoney(p.partial ? minimum.times(p.factor) : minimum, currency, rounding);
      if (net.lt(due)) {
        const trueUp = due.minus(net);
        out.push({
          contract,
          lineId: k,
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
          calculation: trueUpText(minimum, p.factorFraction, p.partial, due, net, trueUp, currency),
          source: cellAddress(line.source, 'minimumCommit'),
          creditOf: null,
          usageByDate: null,
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
