/**
 * The table part (xl/tables/tableN.xml) of an Excel table, written by hand because exceljs's
 * streaming writer has no tables and its table writer drops custom totals formulas.
 */

export interface TablePartColumn {
  name: string;
  totalsRowLabel?: string;
  totalsRowFunction?: string;
  totalsRowFormula?: string;
}

export interface TablePart {
  /** unique across the workbook, from 1 */
  id: number;
  name: string;
  displayName: string;
  /** the whole table: header, data and totals row */
  ref: string;
  headerRow: boolean;
  totalsRow: boolean;
  /** header and data only; null for no filter buttons */
  autoFilterRef: string | null;
  columns: TablePartColumn[];
  style: { theme: string | null; showFirstColumn: boolean; showLastColumn: boolean; showRowStripes: boolean; showColumnStripes: boolean };
}

export const TABLE_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
export const TABLE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const flag = (on: boolean): string => (on ? '1' : '0');

export function tablePartXml(part: TablePart): string {
  const attributes = [
    `id="${part.id}"`,
    `name="${xmlEscape(part.name)}"`,
    `displayName="${xmlEscape(part.displayName)}"`,
    `ref="${part.ref}"`,
    part.headerRow ? '' : 'headerRowCount="0"',
    part.totalsRow ? 'totalsRowCount="1"' : 'totalsRowShown="0"',
  ].filter((a) => a.length > 0);
  const columns = part.columns
    .map((column, i) => {
      const head = [`id="${i + 1}"`, `name="${xmlEscape(column.name)}"`];
      if (column.totalsRowLabel !== undefined) head.push(`totalsRowLabel="${xmlEscape(column.totalsRowLabel)}"`);
      const formula = column.totalsRowFunction === 'custom' ? column.totalsRowFormula : undefined;
      if (column.totalsRowFunction && column.totalsRowFunction !== 'none' && (column.totalsRowFunction !== 'custom' || formula)) {
        head.push(`totalsRowFunction="${column.totalsRowFunction}"`);
      }
      return formula ? `<tableColumn ${head.join(' ')}><totalsRowFormula>${xmlEscape(formula)}</totalsRowFormula></tableColumn>` : `<tableColumn ${head.join(' ')}/>`;
    })
    .join('');
  const style = part.style;
  const styleAttributes = [
    style.theme ? `name="${xmlEscape(style.theme)}"` : '',
    `showFirstColumn="${flag(style.showFirstColumn)}"`,
    `showLastColumn="${flag(style.showLastColumn)}"`,
    `showRowStripes="${flag(style.showRowStripes)}"`,
    `showColumnStripes="${flag(style.showColumnStripes)}"`,
  ].filter((a) => a.length > 0);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${attributes.join(' ')}>` +
    (part.autoFilterRef ? `<autoFilter ref="${part.autoFilterRef}"/>` : '') +
    `<tableColumns count="${part.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo ${styleAttributes.join(' ')}/>` +
    '</table>'
  );
}

/**
 * A file stores structured references with their table name: Excel accepts `[Amount]` and
 * `[@Amount]` typed into a table, but in a .xlsx cell they must read `T[Amount]` and
 * `T[[#This Row],[Amount]]`. Text inside string literals is left alone.
 */
export function qualifyStructuredRefs(formula: string, tableName: string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === '[') depth += 1;
        if (formula[j] === ']') depth -= 1;
        if (depth === 0) break;
      }
      const inner = formula.slice(i + 1, j);
      if (/[\p{L}\p{N}_.\\\]'!]/u.test(formula[i - 1] ?? '')) {
        out += formula.slice(i, j + 1); // already qualified (Table[...], Sheet![...]): keep it whole
      } else if (inner.startsWith('@')) {
        const column = inner.slice(1);
        out += `${tableName}[[#This Row],${column.startsWith('[') ? column : `[${column}]`}]`;
      } else {
        out += `${tableName}[${inner}]`;
      }
      i = j + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
