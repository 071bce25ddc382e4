import type { CalendarDate } from '../../core/calendarDate';
import type { Decimal } from '../../core/decimal';
import type { OutCell } from '../sheetSpec';

/**
 * Turning domain values into sheet cells. Money leaves decimal.js only here, as the number
 * Excel stores; nothing is summed after this point.
 */
export function moneyCell(value: Decimal | null): OutCell {
  return value === null ? null : value.toNumber();
}

export function dateCell(value: CalendarDate | null): OutCell {
  return value === null ? null : value;
}

export function textCell(value: string | null | undefined): OutCell {
  return value === null || value === undefined ? '' : value;
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}
