import type { Decimal } from './decimal';
import { formatAmount } from './money';
import { RemainingShare, shareText } from './prorationFactor';

/**
 * The Calculation column of amendment lines: the arithmetic in words and numbers, so a finance
 * user can redo it by hand, e.g. "new terms 12,000.00/yr x 1 x 1/12 x 17/31 = 548.39".
 */

/** Terms a line is billed at: what an amendment changes. */
export interface Terms {
  quantity: Decimal;
  /** null for a line priced by Total Contract Value alone */
  unitPrice: Decimal | null;
}

/** "new terms <terms> x 17/31 = 548.39" */
export function proratedChargeText(termsText: string, share: RemainingShare, net: Decimal, currency: string): string {
  return `new terms ${termsText} x ${shareText(share)}${methodNote(share)} = ${formatAmount(net, currency)}`;
}

/** "credit of unused 17/31 of 1,000.00 billed = -548.39" */
export function creditText(old: Decimal, share: RemainingShare, net: Decimal, currency: string, capped: boolean): string {
  const what = share.daysUsed === 0 ? 'whole period' : `unused ${shareText(share)}`;
  const cap = capped ? ' (capped at the amount billed for the period)' : '';
  return `credit of ${what}${methodNote(share)} of ${formatAmount(old, currency)} billed: -(${formatAmount(old, currency)} x ${shareText(share)}) = ${formatAmount(net, currency)}${cap}`;
}

/** "old 1,000.00 x 14/31 + new terms <terms> x 17/31 = 1,548.39" (an unbilled period billed once). */
export function blendedChargeText(
  scheduled: Decimal,
  old: Decimal,
  termsText: string | null,
  share: RemainingShare,
  net: Decimal,
  currency: string,
): string {
  const used = `${share.daysUsed}/${share.periodDays}`;
  const oldPart = scheduled.equals(old)
    ? `old ${formatAmount(old, currency)} x ${used}`
    : `scheduled ${formatAmount(scheduled, currency)} - ${formatAmount(old, currency)} x ${shareText(share)}`;
  const newPart = termsText === null ? '' : ` + new terms ${termsText} x ${shareText(share)}`;
  return `${oldPart}${newPart}${methodNote(share)} = ${formatAmount(net, currency)}`;
}

function methodNote(share: RemainingShare): string {
  return share.method === '30/360' && share.daysUsed > 0 ? ' (30/360 days)' : '';
}
