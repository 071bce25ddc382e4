import type { RawCell } from '../workbook/grid';

/**
 * An earlier run's output table read back by row key, so a re-run can carry a person's edits
 * over (workbook.md General rules). Headers match ignoring case, spaces and punctuation.
 */
export function headerKey(header: unknown): string {
  return String(header ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function rowKey(value: unknown): string {
  return String(value ?? '').trim().toLowerCase();
}

export interface PreviousRow {
  /** the key as typed */
  key: string;
  cells: (header: string) => RawCell | undefined;
  /** whether the previous sheet had this column at all */
  has: (header: string) => boolean;
}

/** Rows of `values` (values[0] = header) keyed by `keyHeader`, in sheet order; blank keys dropped. */
export function previousRows(values: readonly (readonly RawCell[])[] | null | undefined, keyHeader: string): PreviousRow[] {
  if (!values || values.length < 2) return [];
  const header = values[0].map(headerKey);
  const keyColumn = header.indexOf(headerKey(keyHeader));
  if (keyColumn < 0) return [];
  const rows: PreviousRow[] = [];
  for (const row of values.slice(1)) {
    const key = String(row[keyColumn] ?? '').trim();
    if (key === '') continue;
    rows.push({
      key,
      cells: (h) => {
        const i = header.indexOf(headerKey(h));
        return i < 0 ? undefined : (row[i] ?? null);
      },
      has: (h) => header.includes(headerKey(h)),
    });
  }
  return rows;
}

export function isBlankCell(cell: RawCell | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export const NO_LONGER_DERIVED = 'no longer derived';
