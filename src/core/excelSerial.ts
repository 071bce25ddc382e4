import { CalendarDate, fromYMD } from './calendarDate';

/**
 * Excel date serials. In the 1900 system serial 1 = 1900-01-01 and serial 60 is the phantom
 * 1900-02-29 that Lotus 1-2-3 invented; from serial 61 (1900-03-01) on, serial - 25569 = epoch
 * day. In the 1904 system serial 0 = 1904-01-01.
 */
export type DateSystem = 1900 | 1904;

const EPOCH_1900 = 25569; // serial of 1970-01-01 in the 1900 system
const EPOCH_1904 = 24107; // serial of 1970-01-01 in the 1904 system

export const PHANTOM_1900_02_29 = 60;

/** The calendar date of a whole serial, or null for the phantom day and serials before day 1. */
export function dateFromSerial(serial: number, system: DateSystem): CalendarDate | null {
  const whole = Math.floor(serial);
  if (system === 1904) {
    if (whole < 0) return null;
    return (whole - EPOCH_1904) as CalendarDate;
  }
  if (whole < 1 || whole === PHANTOM_1900_02_29) return null;
  if (whole < PHANTOM_1900_02_29) return ((fromYMD(1900, 1, 1) as number) + whole - 1) as CalendarDate;
  return (whole - EPOCH_1900) as CalendarDate;
}

export function serialFromDate(date: CalendarDate, system: DateSystem): number {
  if (system === 1904) return date + EPOCH_1904;
  const serial = date + EPOCH_1900;
  // Dates before 1900-03-01 sit one serial lower, below the phantom day.
  return serial > PHANTOM_1900_02_29 ? serial : serial - 1;
}
