/**
 * Header matching as workbook.md says: case, spaces, punctuation and a trailing unit in
 * brackets do not matter ("Start Date", "start_date", "StartDate", "Unit Price (USD)").
 */

const TRAILING_UNIT = /\s*[([][^()[\]]*[)\]]\s*$/;

/** Lower-case letters and digits only. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The unit in trailing brackets, lower-cased ("Date (UTC)" -> "utc"), or null. */
export function headerUnit(text: string): string | null {
  const m = TRAILING_UNIT.exec(text);
  return m ? headerKey(m[0]) : null;
}

/** The keys a header answers to: in full, and without its trailing unit. */
export function headerKeys(text: string): string[] {
  const full = headerKey(text);
  const bare = headerKey(text.replace(TRAILING_UNIT, ''));
  return [...new Set([full, bare])].filter((k) => k !== '');
}

export function headersMatch(typed: string, name: string): boolean {
  const names = headerKeys(name);
  return headerKeys(typed).some((k) => names.includes(k));
}

export interface NamedField {
  field: string;
  header: string;
  synonyms: readonly string[];
}

export interface HeaderMatch {
  /** field -> 0-based column index */
  columnOf: Map<string, number>;
  /** per column: the field it was matched to, or null */
  fieldOf: (string | null)[];
  /** columns that named a field an earlier column already supplies (only the first is read) */
  duplicates: { column: number; field: string; firstColumn: number }[];
}

/**
 * Assigns typed headers to fields. Canonical headers are matched first, then synonyms in the
 * order listed, so "Total Price" outranks "Amount" and a column typed exactly as one field's
 * header is never taken by another field's synonym.
 */
export function matchHeaders(typed: readonly string[], fields: readonly NamedField[]): HeaderMatch {
  const columnOf = new Map<string, number>();
  const fieldOf: (string | null)[] = typed.map(() => null);
  const typedKeys = typed.map((t) => headerKeys(t));
  const claim = (names: (f: NamedField) => readonly string[]) => {
    for (const f of fields) {
      if (columnOf.has(f.field)) continue;
      for (const name of names(f)) {
        const keys = headerKeys(name);
        const column = typedKeys.findIndex((tk, i) => fieldOf[i] === null && tk.some((k) => keys.includes(k)));
        if (column >= 0) {
          columnOf.set(f.field, column);
          fieldOf[column] = f.field;
          break;
        }
      }
    }
  };
  claim((f) => [f.header]);
  claim((f) => f.synonyms);

  // Only a second column typed like the one already read is a duplicate; an unread
  // alternative (Salesforce's List Price beside Sales Price) is just an extra column.
  const duplicates: HeaderMatch['duplicates'] = [];
  typed.forEach((_header, column) => {
    if (fieldOf[column] !== null || typedKeys[column].length === 0) return;
    for (const [field, firstColumn] of columnOf) {
      if (typedKeys[firstColumn].some((k) => typedKeys[column].includes(k))) {
        duplicates.push({ column, field, firstColumn });
        break;
      }
    }
  });
  return { columnOf, fieldOf, duplicates };
}
