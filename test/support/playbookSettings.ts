import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import type { Settings } from '../../src/core/model';
import { parseSettings } from '../../src/workbook/parseInputs';

/**
 * Settings as a book with no Settings sheet gets them: the playbook's defaults, read by the real
 * parser, with the dates a test pins and any overrides. One source of defaults for every builder.
 */
export function playbookSettings(asOf: string, month: string, overrides: Partial<Settings> = {}): Settings {
  const day = (iso: string) => fromISO(iso) as CalendarDate;
  const { settings } = parseSettings(null, {
    job: 'Bill',
    today: day(asOf),
    overrides: { asOfDate: day(asOf), reconciliationMonth: day(month) },
  });
  return { ...settings, ...overrides };
}
