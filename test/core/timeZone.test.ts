import { fromISO, toISO, type CalendarDate } from '../../src/core/calendarDate';
import { calendarDateAt, instantOf, isValidTimeZone, offsetMinutesAt, zonedMidnight } from '../../src/core/timeZone';

const day = (iso: string) => fromISO(iso) as CalendarDate;

describe('time zones for date-times and billing lag', () => {
  test('midnight in New York is 04:00 or 05:00 UTC depending on daylight saving', () => {
    expect(new Date(zonedMidnight(day('2026-10-01'), 'America/New_York')).toISOString()).toBe('2026-10-01T04:00:00.000Z');
    expect(new Date(zonedMidnight(day('2026-12-01'), 'America/New_York')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  test('fixed offsets and UTC', () => {
    expect(new Date(instantOf(day('2026-03-01'), 90, '+05:30')).toISOString()).toBe('2026-02-28T20:00:00.000Z');
    expect(new Date(zonedMidnight(day('2026-03-01'), 'UTC')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(offsetMinutesAt(0, '-08:00')).toBe(-480);
  });

  test('the calendar date of an instant follows the zone', () => {
    const instant = Date.parse('2026-10-01T02:30:00Z');
    expect(toISO(calendarDateAt(instant, 'UTC'))).toBe('2026-10-01');
    expect(toISO(calendarDateAt(instant, 'America/New_York'))).toBe('2026-09-30');
    expect(toISO(calendarDateAt(instant, 'Asia/Tokyo'))).toBe('2026-10-01');
  });

  test('the day daylight saving starts still has a midnight', () => {
    expect(new Date(zonedMidnight(day('2026-03-08'), 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(instantOf(day('2026-03-08'), 12 * 60, 'America/New_York')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  test('unknown zones are recognised as such', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('+02:00')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
