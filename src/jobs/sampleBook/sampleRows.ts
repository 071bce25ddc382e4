import type { CalendarDate } from '../../core/calendarDate';

/** One input row as the user would type it, keyed by header; dates as calendar dates. */
export type SampleValue = string | number | CalendarDate | null;
export type SampleRow = Record<string, SampleValue>;

/**
 * A small deterministic pseudo-random generator (mulberry32), so the sample book is the
 * same on every machine and every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
