import type { ReconciliationCheck, ReconciliationFinding, ReconciliationResult } from '../../src/reconcile/model';

export function row(result: ReconciliationResult, check: string): ReconciliationCheck {
  const found = [...result.checks, ...result.triggers].find((c) => c.check === check);
  if (!found) throw new Error(`no row ${check}`);
  return found;
}

export function findings(result: ReconciliationResult, check: string): ReconciliationFinding[] {
  return result.details.filter((f) => f.check === check);
}

/** A finding as comparable strings: amounts to the cent, dates ISO. */
export function brief(f: ReconciliationFinding) {
  return {
    invoiceId: f.invoiceId,
    expected: f.expected?.toFixed(2) ?? null,
    actual: f.actual?.toFixed(2) ?? null,
    difference: f.difference?.toFixed(2) ?? null,
    status: f.status,
  };
}
