import type { Decimal } from '../core/decimal';
import type { CheckStatus, ReconciliationCheck, ReconciliationFinding } from './model';

/** A check's row on the Reconciliation sheet and its rows on Reconciliation Detail. */
export interface CheckOutcome {
  row: ReconciliationCheck;
  findings: ReconciliationFinding[];
}

export function outcome(
  check: string,
  kind: 'Check' | 'Trigger',
  figure: Decimal | null,
  figureText: string,
  threshold: string,
  status: CheckStatus,
  findings: ReconciliationFinding[],
): CheckOutcome {
  return { row: { check, kind, figure, figureText, threshold, status, detailRows: findings.length }, findings };
}

/** "1 discrepancy", "2 discrepancies" */
export function counted(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function blankFinding(check: string, status: CheckStatus, rule: string): ReconciliationFinding {
  return {
    check, contractId: null, invoiceId: null, customer: null, periodStart: null, expected: null,
    actual: null, difference: null, differencePct: null, currency: null, status, rule,
  };
}
