import {
  addDays, addMonthsClamped, daysBetween, daysInMonth, firstOfMonth, fromISO, fromYMD, isLeapYear, lastOfMonth,
  maxDate, minDate, toCompact, toISO, toYMD, todayUTC,
} from '../../src/core/calendarDate';

const d = (iso: string) => {
  const date = fromISO(iso);
  if (date === null) throw new Error(iso);
  return date;
};

describe('calendar dates', () => {
  test('epoch days', () => {
    expect(fromYMD(1970, 1, 1)).toBe(0);
    expect(fromYMD(2000, 3, 1)).toBe(11017);
    expect(fromYMD(1969, 12, 31)).toBe(-1);
    expect(toISO(fromYMD(1900, 2, 28) + 1 as never)).toBe('1900-03-01');
  });

  test('round trip every day from 1899 to 2101 agrees with the JavaScript UTC calendar', () => {
    const start = fromYMD(1899, 1, 1);
    const end = fromYMD(2101, 12, 31);
    const wrong: string[] = [];
    for (let day = start; day <= end; day++) {
      const ymd = toYMD(day);
      const js = new Date(day * 86_400_000);
      if (ymd.year !== js.getUTCFullYear() || ymd.month !== js.getUTCMonth() + 1 || ymd.day !== js.getUTCDate()
        || fromYMD(ymd.year, ymd.month, ymd.day) !== day) wrong.push(js.toISOString());
    }
    expect(wrong).toEqual([]);
    expect(end - start).toBe(74_143);
  });

  test('leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  test('addMonthsClamped keeps the anchor day: Jan 31 -> Feb 28/29 -> Mar 31', () => {
    const jan31 = d('2026-01-31');
    expect(toISO(addMonthsClamped(jan31, 1))).toBe('2026-02-28');
    expect(toISO(addMonthsClamped(addMonthsClamped(jan31, 1), 1))).toBe('2026-03-28'); // drifts without the anchor day
    expect(toISO(addMonthsClamped(addMonthsClamped(jan31, 1), 1, 31))).toBe('2026-03-31');
    expect(toISO(addMonthsClamped(d('2028-01-31'), 1))).toBe('2028-02-29');
    expect(toISO(addMonthsClamped(d('2028-02-29'), 12))).toBe('2029-02-28');
    expect(toISO(addMonthsClamped(d('2026-03-31'), -1))).toBe('2026-02-28');
    expect(toISO(addMonthsClamped(d('2026-01-15'), -13))).toBe('2024-12-15');
    expect(toISO(addMonthsClamped(d('2026-11-30'), 3, 30))).toBe('2027-02-28');
  });

  test('ISO text: strict, real dates only', () => {
    expect(fromISO('2028-02-29')).toBe(fromYMD(2028, 2, 29));
    expect(fromISO('2026-02-29')).toBeNull();
    expect(fromISO('2026-13-01')).toBeNull();
    expect(fromISO('2026-1-01')).toBeNull();
    expect(fromISO('3/4/2026')).toBeNull();
    expect(fromISO(' 2026-01-01')).toBeNull();
    expect(toISO(fromYMD(987, 6, 5))).toBe('0987-06-05');
    expect(toCompact(d('2026-03-09'))).toBe('20260309');
  });

  test('day arithmetic and month bounds', () => {
    expect(toISO(addDays(d('2026-12-31'), 1))).toBe('2027-01-01');
    expect(toISO(addDays(d('2024-03-01'), -1))).toBe('2024-02-29');
    expect(daysBetween(d('2026-01-01'), d('2026-12-31'))).toBe(364);
    expect(toISO(firstOfMonth(d('2026-02-17')))).toBe('2026-02-01');
    expect(toISO(lastOfMonth(d('2024-02-17')))).toBe('2024-02-29');
    expect(toISO(minDate(d('2026-01-02'), d('2026-01-01')))).toBe('2026-01-01');
    expect(toISO(maxDate(d('2026-01-02'), d('2026-01-01')))).toBe('2026-01-02');
  });

  test('today in UTC, whatever the local time zone', () => {
    expect(toISO(todayUTC(new Date('2026-03-01T23:30:00-05:00')))).toBe('2026-03-02');
  });
});
