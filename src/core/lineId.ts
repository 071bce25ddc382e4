import type { ScheduleLine } from './model';

/**
 * Line IDs (model.ts, ScheduleLine.lineId). A contract line's own period lines (Recurring,
 * Prorated, Usage, True-Up) hold only their period number; their ID is
 * "<Contract ID>|<contract line index>|<period>|<Line Type>", spelled out here when something
 * asks for it: a credit naming its charge, a tie in the schedule's order. A 300,000-line book then
 * holds no ID text per line. Each such text was a second object per line, and copying the young
 * lines' objects is most of what the garbage collector does while a book is scheduled.
 */

/** Every line's ID as text: its own, or the one its contract line and period number make. */
export function lineIdOf(line: Pick<ScheduleLine, 'contract' | 'lineId' | 'lineType'>): string {
  const id = line.lineId;
  if (typeof id === 'string') return id;
  return `${line.contract.contractId}|${line.contract.contractLineIndex}|${periodSuffix(id, line.lineType)}`;
}

const SUFFIXES = new Map<string, string[]>();

/** "7|Recurring": the same few texts end every such ID, so each is made once. */
function periodSuffix(period: number, lineType: string): string {
  let made = SUFFIXES.get(lineType);
  if (made === undefined) {
    made = [];
    SUFFIXES.set(lineType, made);
  }
  return made[period] ??= `${period}|${lineType}`;
}
