import { CalendarDate, fromYMD, toYMD } from './calendarDate';

/**
 * Wall-clock times in the Setting Time Zone (an IANA name such as America/New_York, "UTC",
 * or a fixed offset such as +05:30). Intl does the zone rules; nothing here reads a clock.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

function fixedOffsetMinutes(timeZone: string): number | null {
  const zone = timeZone.trim().toUpperCase();
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is UTC, a fixed offset, or an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (fixedOffsetMinutes(timeZone) !== null) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false; // Intl throws RangeError for an unknown zone: that is the answer, not a failure
  }
}

/** Minutes the zone is ahead of UTC at the instant `instantMs`. */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const fixed = fixedOffsetMinutes(timeZone);
  if (fixed !== null) return fixed;
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / MS_PER_MINUTE);
}

/** The UTC instant of wall-clock `minutesOfDay` on `date` in `timeZone`. */
export function instantOf(date: CalendarDate, minutesOfDay: number, timeZone: string): number {
  const wallMs = date * MS_PER_DAY + minutesOfDay * MS_PER_MINUTE;
  const firstGuess = wallMs - offsetMinutesAt(wallMs, timeZone) * MS_PER_MINUTE;
  // A second pass settles instants next to a daylight-saving change.
  return wallMs - offsetMinutesAt(firstGuess, timeZone) * MS_PER_MINUTE;
}

/** 00:00 of `date` in `timeZone`, as a UTC instant. */
export function zonedMidnight(date: CalendarDate, timeZone: string): number {
  return instantOf(date, 0, timeZone);
}

/** The calendar date an instant falls on in `timeZone`. */
export function calendarDateAt(instantMs: number, timeZone: string): CalendarDate {
  const local = instantMs + offsetMinutesAt(instantMs, timeZone) * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const { year, month, day } = toYMD(days as CalendarDate);
  return fromYMD(year, month, day);
}
