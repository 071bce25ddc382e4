import { Decimal } from '../core/decimal';
import { formatAmount } from '../core/money';
import type { BookFacts, ContractFacts } from './bookFacts';

/**
 * GTM motion (playbook 1a step 4: "Determine GTM motion from deal patterns"). A contract is
 * Self-Serve or Sales-Led from its Sales Channel when given, otherwise by counting the signals
 * of each pattern; the book is PLG, Sales-Led or Hybrid by its mix.
 */
export type ContractMotionKind = 'Self-Serve' | 'Sales-Led';
export type BookMotionKind = 'PLG' | 'Sales-Led' | 'Hybrid' | 'Unknown';

export const GTM_CUTOFFS = {
  /** annual value (reporting currency) below which a contract looks self-serve */
  smallAnnualValue: new Decimal(10000),
  /** annual value at or above which a contract looks sales-led */
  largeAnnualValue: new Decimal(25000),
  /** a term this long or shorter is short */
  shortTermMonths: new Decimal(12),
  /** net days beyond which payment terms were negotiated */
  standardNetDays: 30,
  /** the book is PLG when at least this share of contracts is Self-Serve */
  plgShare: 0.8,
  /** the book is Sales-Led when at most this share of contracts is Self-Serve */
  salesLedShare: 0.2,
} as const;

export interface ContractMotion {
  contractId: string;
  motion: ContractMotionKind;
  /** why: "Sales Channel = Self-Serve" or the signals counted */
  basis: string;
}

export interface BookMotion {
  motion: BookMotionKind;
  contracts: number;
  selfServe: number;
  salesLed: number;
  rule: string;
  evidence: string;
}

export const CONTRACT_MOTION_RULE =
  `Sales Channel when given. Otherwise count signals. Self-Serve: Payment Method Card; billed only Monthly or Usage; ` +
  `annual value under ${formatAmount(GTM_CUTOFFS.smallAnnualValue, 'USD')}; term of ${GTM_CUTOFFS.shortTermMonths} months or less. ` +
  `Sales-Led: Payment Method Invoice, Wire, ACH or Check; any line billed Quarterly, Semiannual, Annual, Upfront or Milestone; ` +
  `annual value of ${formatAmount(GTM_CUTOFFS.largeAnnualValue, 'USD')} or more; negotiated terms (a Discount %, a PO Number, ` +
  `Payment Terms beyond Net ${GTM_CUTOFFS.standardNetDays}, or a term over ${GTM_CUTOFFS.shortTermMonths} months). ` +
  `More Self-Serve signals = Self-Serve; otherwise Sales-Led (a tie goes to Sales-Led: invoiced billing can serve either). ` +
  `Values are in reporting currency; annual value = contract value x 12 / term months.`;

export const BOOK_MOTION_RULE =
  `PLG when at least ${GTM_CUTOFFS.plgShare * 100}% of contracts are Self-Serve; Sales-Led when at most ` +
  `${GTM_CUTOFFS.salesLedShare * 100}% are; Hybrid in between (both motions need their own billing path).`;

function money(value: Decimal, currency: string): string {
  return `${formatAmount(value, currency)} ${currency}`;
}

export function contractMotion(c: ContractFacts, reportingCurrency: string): ContractMotion {
  if (c.salesChannel !== null) return { contractId: c.contractId, motion: c.salesChannel, basis: `Sales Channel = ${c.salesChannel}` };
  const selfServe: string[] = [];
  const salesLed: string[] = [];
  if (c.paymentMethod === 'Card') selfServe.push('Card payment');
  else if (c.paymentMethod !== null) salesLed.push(`${c.paymentMethod} payment`);
  if (c.allMonthly) selfServe.push('billed monthly');
  if (c.anyLongCadence) salesLed.push('billed quarterly or longer');
  if (c.annualValue !== null) {
    const v = c.annualValue.toDecimalPlaces(0);
    if (c.annualValue.lessThan(GTM_CUTOFFS.smallAnnualValue)) selfServe.push(`annual value ${money(v, reportingCurrency)} < ${money(GTM_CUTOFFS.smallAnnualValue, reportingCurrency)}`);
    else if (c.annualValue.greaterThanOrEqualTo(GTM_CUTOFFS.largeAnnualValue)) salesLed.push(`annual value ${money(v, reportingCurrency)} >= ${money(GTM_CUTOFFS.largeAnnualValue, reportingCurrency)}`);
  }
  const longTerm = c.termMonths !== null && c.termMonths.greaterThan(GTM_CUTOFFS.shortTermMonths);
  if (c.termMonths !== null && !longTerm) selfServe.push(`term ${c.termMonths.toDecimalPlaces(1).toString()} months`);
  const negotiated: string[] = [];
  if (c.discounted) negotiated.push('discount');
  if (c.hasPoNumber) negotiated.push('PO Number');
  if (c.netDays !== null && c.netDays > GTM_CUTOFFS.standardNetDays) negotiated.push(`Net ${c.netDays}`);
  if (longTerm) negotiated.push(`term ${c.termMonths!.toDecimalPlaces(1).toString()} months`);
  if (negotiated.length > 0) salesLed.push(`negotiated terms (${negotiated.join(', ')})`);
  const motion: ContractMotionKind = selfServe.length > salesLed.length ? 'Self-Serve' : 'Sales-Led';
  const list = (xs: string[]) => (xs.length === 0 ? 'none' : xs.join(', '));
  return {
    contractId: c.contractId,
    motion,
    basis: `pattern: ${selfServe.length} Self-Serve signal(s) [${list(selfServe)}] vs ${salesLed.length} Sales-Led [${list(salesLed)}]`,
  };
}

export function bookMotion(facts: BookFacts, motions: readonly ContractMotion[]): BookMotion {
  const selfServe = motions.filter((m) => m.motion === 'Self-Serve').length;
  const total = motions.length;
  const salesLed = total - selfServe;
  const fromChannel = facts.contracts.filter((c) => c.salesChannel !== null).length;
  let motion: BookMotionKind;
  if (total === 0) motion = 'Unknown';
  else if (selfServe / total >= GTM_CUTOFFS.plgShare) motion = 'PLG';
  else if (selfServe / total <= GTM_CUTOFFS.salesLedShare) motion = 'Sales-Led';
  else motion = 'Hybrid';
  const share = total === 0 ? '0%' : `${((selfServe / total) * 100).toFixed(1)}%`;
  return {
    motion,
    contracts: total,
    selfServe,
    salesLed,
    rule: BOOK_MOTION_RULE,
    evidence: `${selfServe} of ${total} contracts Self-Serve (${share}), ${salesLed} Sales-Led; ${fromChannel} classified from Sales Channel, ${total - fromChannel} from the deal pattern`,
  };
}
