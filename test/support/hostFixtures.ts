import { fromISO, type CalendarDate } from '../../src/core/calendarDate';

/** A calendar date from ISO text; throws on a typo so a fixture never silently shifts. */
export const d = (iso: string): CalendarDate => {
  const date = fromISO(iso);
  if (date === null) throw new Error(iso);
  return date;
};

/** workbook.md's list of user text that must come back exactly as typed, never as a formula or number. */
export const TEXT_AS_TYPED = ['=1+1', '-2+3', '@SUM(A1)', '\tleading tab', '00123', '1-2', 'TRUE', '1E5'];
