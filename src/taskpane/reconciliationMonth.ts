import type { SettingRow } from './paneHost';
import { normaliseName } from './paneHost';

/** yyyy-mm of the month before the given yyyy-mm-dd. */
function monthBefore(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function settingDate(settings: SettingRow[], name: string): string | null {
  const row = settings.find((s) => normaliseName(s.setting) === normaliseName(name));
  if (!row) return null;
  if (row.isoDate) return row.isoDate;
  const monthOnly = /^(\d{4})-(\d{2})$/.exec(row.text.trim());
  return monthOnly ? `${monthOnly[1]}-${monthOnly[2]}-01` : null;
}

/**
 * The month the picker starts on, as Settings say (workbook.md): Reconciliation Month, else
 * the month before As Of Date, else the month before today. Returned as yyyy-mm.
 */
export function defaultReconciliationMonth(settings: SettingRow[], todayISO: string): string {
  const month = settingDate(settings, 'Reconciliation Month');
  if (month) return month.slice(0, 7);
  return monthBefore(settingDate(settings, 'As Of Date') ?? todayISO);
}
