import { Decimal } from '../core/decimal';
import { CalendarDate, firstOfMonth, fromISO, fromYMD } from '../core/calendarDate';
import { dateFromSerial, DateSystem, PHANTOM_1900_02_29 } from '../core/excelSerial';
import { calendarDateAt, instantOf } from '../core/timeZone';
import { isKnownCurrency } from '../core/money';
import type { PaymentTerms } from '../core/model';
import type { RawCell } from './grid';

/**
 * Reading one raw cell as the sheet contract says (workbook.md, General rules). Every reader
 * returns either a value (perhaps with a Warning: processed as stated) or a problem and the
 * fix to type instead; none throws, so one bad cell never stops a sheet.
 */

export interface CellProblem {
  problem: string;
  fix: string;
}

export type CellResult<T> =
  | { ok: true; value: T; warning?: CellProblem }
  | { ok: false; problem: string; fix: string };

function ok<T>(value: T, warning?: CellProblem): CellResult<T> {
  return warning ? { ok: true, value, warning } : { ok: true, value };
}

function bad<T>(problem: string, fix: string): CellResult<T> {
  return { ok: false, problem, fix };
}

/** The cell as the user typed it, for the Issue's Value column. */
export function typedValue(raw: RawCell | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return String(raw);
}

export function isBlank(raw: RawCell | undefined): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** Free text, trimmed; numbers keep their shortest form. */
export function readText(raw: RawCell): string {
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  // Only stray spaces go: a leading tab or carriage return is part of what the user typed and
  // must come out exactly so (workbook.md); comparisons use idKey, which ignores all of it.
  return String(raw).replace(/^ +| +$/g, '');
}

/** An identifier: trimmed text, a whole number as 1001 never 1001.0. */
export function readId(raw: RawCell): string {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw.toFixed(0);
  return readText(raw);
}

/** The comparison key for IDs and names: trimmed, case-insensitive, inner spaces collapsed. */
export function idKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

// ------------------------------------------------------------------------------- numbers

const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * Decimal from numeric text as finance users type it: 1,200.50, $1,200.50, €75, (75.00),
 * -75. The value is taken from the text itself, never through a float.
 */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function decimalFromText(text: string): Decimal | null {
  if (PLAIN_NUMBER.test(text)) return new Decimal(text);
  let s = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  let signed = false;
  const takeSign = () => {
    if (!signed && (s.startsWith('-') || s.startsWith('+'))) {
      if (s.startsWith('-')) negative = !negative;
      s = s.slice(1).trim();
      signed = true;
    }
  };
  takeSign();
  s = s.replace(/^[$€£¥]\s*/, '');
  takeSign();
  s = s.replace(/\s*[$€£¥]$/, '');
  if (s === '' || s === '.' || !GROUPED.test(s)) return null;
  const value = new Decimal(s.replace(/,/g, ''));
  return negative ? value.negated() : value;
}

/** A JS number from a cell, through its shortest string form so 0.1 stays 0.1. */
function decimalFromNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  return new Decimal(String(n));
}

const NUMBER_FIX = 'Type a number such as 1200.50, 1,200.50 or (75.00) for a negative amount';

export function readDecimal(raw: RawCell): CellResult<Decimal> {
  if (typeof raw === 'number') {
    const d = decimalFromNumber(raw);
    return d ? ok(d) : bad(`${typedValue(raw)} is not a number`, NUMBER_FIX);
  }
  if (typeof raw === 'string') {
    const d = decimalFromText(raw);
    return d ? ok(d) : bad(`'${raw.trim()}' is not a number`, NUMBER_FIX);
  }
  return bad(`${typedValue(raw)} is not a number`, NUMBER_FIX);
}

/** Money: as readDecimal, never rounded on read. */
export const readMoney = readDecimal;

export function readInteger(raw: RawCell): CellResult<number> {
  const d = readDecimal(raw);
  if (!d.ok) return bad(d.problem, 'Type a whole number such as 12');
  if (!d.value.isInteger()) return bad(`${typedValue(raw)} is not a whole number`, 'Type a whole number such as 12');
  return ok(d.value.toNumber());
}

/**
 * A percentage as a fraction. A % number format or a trailing % means the cell holds a
 * fraction already; any other number is in points (15 = 15%). A plain number strictly between
 * 0 and 1 is read as points with a Warning, because 0.15 usually means someone meant 15%.
 */
export function readPercent(raw: RawCell, numberFormat: string | null | undefined): CellResult<Decimal> {
  const fix = 'Type 15 or 15% for fifteen percent';
  if (typeof raw === 'number' && numberFormat && numberFormat.includes('%')) {
    const d = decimalFromNumber(raw);
    return d ? ok(d) : bad(`${typedValue(raw)} is not a percentage`, fix);
  }
  if (typeof raw === 'string' && raw.trim().endsWith('%')) {
    const d = decimalFromText(raw.trim().slice(0, -1));
    return d ? ok(d.times(HUNDREDTH)) : bad(`'${raw.trim()}' is not a percentage`, fix);
  }
  const points = readDecimal(raw);
  if (!points.ok) return bad(points.problem.replace('is not a number', 'is not a percentage'), fix);
  const p = points.value;
  const between = typeof raw === 'number' ? raw > 0 && raw < 1 : p.greaterThan(0) && p.lessThan(1);
  if (between) {
    return ok(p.times(HUNDREDTH), {
      problem: `${p.toString()} is read as ${p.toString()}%: did you mean ${p.toString()}% or ${p.times(100).toString()}%?`,
      fix: `Type ${p.times(100).toString()}% (with the % sign) if you meant ${p.times(100).toString()} percent; type ${p.toString()}% to keep ${p.toString()} percent`,
    });
  }
  return ok(p.times(HUNDREDTH));
}

const HUNDREDTH = new Decimal('0.01');

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0']);

export function readBoolean(raw: RawCell): CellResult<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const key = readText(raw).toLowerCase();
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return bad(`'${readText(raw)}' is not Yes or No`, 'Type one of: Yes, No');
}

// ------------------------------------------------------------------------------ enumerations

/** Enumeration key: case-insensitive, tolerant of spaces, hyphens, underscores and dots. */
export function enumKey(text: string): string {
  return text.toLowerCase().replace(/[\s\-_.]+/g, '');
}

export const NO_ALIASES: Readonly<Record<string, never>> = Object.freeze({});

const enumIndexes = new WeakMap<readonly string[], WeakMap<object, Map<string, string>>>();

/** enumKey -> value for a list of allowed values and its aliases, built once per pair. */
function enumIndex(allowed: readonly string[], aliases: Readonly<Record<string, string>>): Map<string, string> {
  let byAliases = enumIndexes.get(allowed);
  if (!byAliases) {
    byAliases = new WeakMap();
    enumIndexes.set(allowed, byAliases);
  }
  let index = byAliases.get(aliases);
  if (!index) {
    index = new Map();
    for (const [alias, value] of Object.entries(aliases)) index.set(enumKey(alias), value);
    for (const value of allowed) index.set(enumKey(value), value); // an allowed value outranks an alias
    byAliases.set(aliases, index);
  }
  return index;
}

/**
 * One of `allowed` (or an alias of one), matched by enumKey. An unknown value is an Error
 * whose fix lists the allowed values.
 */
export function readEnum<T extends string>(
  raw: RawCell,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>> = NO_ALIASES,
): CellResult<T> {
  const text = readText(raw);
  const value = enumIndex(allowed, aliases).get(enumKey(text));
  if (value !== undefined) return ok(value as T);
  return bad(`'${text}' is not one of the allowed values`, `Type one of: ${allowed.join(', ')}`);
}

export const PAYMENT_TERMS_ALLOWED = ['Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90', 'Due on Receipt'] as const;

/** Net 15/30/45/60/90 or Due on Receipt (0 days); "30" alone does not say which. */
export function readPaymentTerms(raw: RawCell): CellResult<PaymentTerms> {
  const text = readText(raw);
  const key = enumKey(text);
  const net = /^net(15|30|45|60|90)(days?)?$/.exec(key);
  if (net) return ok({ label: `Net ${net[1]}`, netDays: Number(net[1]) });
  if (['dueonreceipt', 'uponreceipt', 'onreceipt', 'dueuponreceipt', 'net0'].includes(key)) {
    return ok({ label: 'Due on Receipt', netDays: 0 });
  }
  return bad(`'${text}' is not a payment term`, `Type one of: ${PAYMENT_TERMS_ALLOWED.join(', ')}`);
}

/** An ISO 4217 code the money rules know (case-insensitive). */
export function readCurrency(raw: RawCell): CellResult<string> {
  const text = readText(raw);
  const code = text.toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && isKnownCurrency(code)) return ok(code);
  return bad(`'${text}' is not a known ISO 4217 currency code`, 'Type a three-letter ISO 4217 code such as USD, EUR, GBP or JPY');
}

// ---------------------------------------------------------------------------------- dates

const DATE_FIX = 'Type the date as yyyy-mm-dd (e.g. 2026-03-04) or enter a real Excel date';
const DATETIME_FIX = 'Type the date-time as yyyy-mm-dd hh:mm[:ss], optionally with Z or +hh:mm, or enter a real Excel date-time';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** day and month first in some order: 3/4/2026, 03.04.26, 3-4-2026 */
const SLASHED = /^\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2}|\d{4})$/;

const MS_PER_DAY = 86_400_000;
/** 9999-12-31, Excel's last date */
const LAST_SERIAL: Record<DateSystem, number> = { 1900: 2_958_465, 1904: 2_957_003 };

/** A date or date-time as read from a cell: its calendar date, and its instant. */
interface Moment {
  date: CalendarDate;
  /** UTC epoch ms; a function because zone rules are costly and a plain date never needs them */
  instant: () => number;
}

/**
 * `wallZone` is where a typed clock time is read (the Setting Time Zone, or UTC for a column
 * headed "(UTC)"); `dateZone` (the Setting Time Zone) decides which calendar date a time falls on.
 */
function fromSerial(serial: number, system: DateSystem, dateZone: string, wallZone: string): CellResult<Moment> {
  if (!Number.isFinite(serial)) return bad(`${serial} is not a date`, DATE_FIX);
  const whole = Math.floor(serial);
  if (whole > LAST_SERIAL[system]) return bad(`${serial} is beyond 9999-12-31, the last date Excel knows`, DATE_FIX);
  if (system === 1900 && whole === PHANTOM_1900_02_29) {
    return bad('1900-02-29 does not exist (Excel serial 60 is a phantom day)', DATE_FIX);
  }
  const typed = dateFromSerial(whole, system);
  if (typed === null) return bad(`${serial} is not a date serial in the ${system} date system`, DATE_FIX);
  // Excel keeps time as a binary fraction of a day; whole seconds are all a sheet can show.
  const seconds = Math.round((serial - whole) * 86_400);
  const instant = () => instantOf(typed, seconds / 60, wallZone);
  // a clock read in the Setting Time Zone is already on its date
  return ok({ date: seconds !== 0 && wallZone !== dateZone ? calendarDateAt(instant(), dateZone) : typed, instant });
}

function offsetMinutes(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)!;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function fromText(text: string, dateZone: string, wallZone: string): CellResult<Moment> {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) {
    if (SLASHED.test(text)) {
      return bad(`'${text}' is ambiguous: the order of day and month is unknown`, 'Type the date as yyyy-mm-dd, e.g. 2026-03-04');
    }
    return bad(`'${text}' is not a date`, DATE_FIX);
  }
  const typed = fromISO(`${m[1]}-${m[2]}-${m[3]}`);
  if (typed === null) return bad(`'${text}' is not a real calendar date`, DATE_FIX);
  const hasTime = m[4] !== undefined || m[8] !== undefined;
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const millis = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (hour > 23 || minute > 59 || second > 59) return bad(`'${text}' has an impossible time of day`, DATETIME_FIX);
  const wallMinutes = hour * 60 + minute + (second * 1000 + millis) / 60_000;
  let instant: () => number;
  if (m[8] !== undefined) {
    const offset = offsetMinutes(m[8]);
    if (Math.abs(offset) > 14 * 60) return bad(`'${text}' has an impossible UTC offset`, DATETIME_FIX);
    const fixed = typed * MS_PER_DAY + Math.round((wallMinutes - offset) * 60_000);
    instant = () => fixed;
  } else {
    instant = () => instantOf(typed, wallMinutes, wallZone);
  }
  const shifts = m[8] !== undefined || (hasTime && wallZone !== dateZone);
  return ok({ date: shifts ? calendarDateAt(instant(), dateZone) : typed, instant });
}

function readMoment(raw: RawCell, system: DateSystem, dateZone: string, wallZone: string): CellResult<Moment> {
  if (typeof raw === 'number') return fromSerial(raw, system, dateZone, wallZone);
  if (typeof raw === 'string') return fromText(raw.trim(), dateZone, wallZone);
  return bad(`${typedValue(raw)} is not a date`, DATE_FIX);
}

/**
 * A calendar date. A date-time gives the date it falls on in `timeZone` (the Setting Time
 * Zone); with no offset typed, its clock is read in `wallZone` (by default the same zone, so
 * the typed date stands).
 */
export function readDate(raw: RawCell, system: DateSystem, timeZone: string, wallZone: string = timeZone): CellResult<CalendarDate> {
  const m = readMoment(raw, system, timeZone, wallZone);
  return m.ok ? ok(m.value.date) : m;
}

/** A date-time as a UTC instant (epoch ms) and its calendar date in `timeZone`. */
export function readDateTime(
  raw: RawCell,
  system: DateSystem,
  timeZone: string,
  wallZone: string = timeZone,
): CellResult<{ instant: number; date: CalendarDate }> {
  const m = readMoment(raw, system, timeZone, wallZone);
  if (!m.ok) return bad(m.problem, m.fix === DATE_FIX ? DATETIME_FIX : m.fix);
  return ok({ instant: m.value.instant(), date: m.value.date });
}

/** A month as its first day: any date in it, or yyyy-mm text. */
export function readMonth(raw: RawCell, system: DateSystem, timeZone: string): CellResult<CalendarDate> {
  if (typeof raw === 'string') {
    const m = /^(\d{4})-(\d{2})$/.exec(raw.trim());
    if (m) {
      const month = Number(m[2]);
      if (month >= 1 && month <= 12) return ok(fromYMD(Number(m[1]), month, 1));
      return bad(`'${raw.trim()}' is not a month`, 'Type the month as yyyy-mm, e.g. 2026-03');
    }
  }
  const d = readDate(raw, system, timeZone);
  if (!d.ok) return bad(d.problem, 'Type the month as yyyy-mm (e.g. 2026-03) or any date in it');
  return ok(firstOfMonth(d.value));
}
