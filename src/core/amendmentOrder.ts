import type { Amendment } from './model';

/**
 * Amendments apply in order of (Effective Date, sheet row) (billing.md): a later change builds
 * on the schedule as the earlier one left it, whatever order the rows were typed in.
 */
export function amendmentsInOrder(amendments: readonly Amendment[]): Amendment[] {
  return amendments
    .map((amendment, position) => ({ amendment, position }))
    .sort(
      (a, b) =>
        a.amendment.effectiveDate - b.amendment.effectiveDate ||
        a.amendment.source.row - b.amendment.source.row ||
        a.position - b.position,
    )
    .map((x) => x.amendment);
}
