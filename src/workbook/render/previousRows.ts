import type { JobName } from '../../core/issue';
import type { InputGrid, RawCell } from '../grid';
import type { OutCell } from '../sheetSpec';

function normalised(header: RawCell): string {
  return String(header ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Rows an earlier run of another job left on a shared output sheet (Issues, Run Summary),
 * re-laid in `headers` order, so this job can replace only its own rows. Cells come back as
 * they were read; unknown columns are dropped.
 */
export function rowsOfOtherJobs(previous: InputGrid | null, headers: string[], jobs: JobName[]): OutCell[][] {
  if (!previous || previous.values.length < 2) return [];
  const header = previous.values[0].map(normalised);
  const positions = headers.map((h) => header.indexOf(normalised(h)));
  const jobColumn = header.indexOf('job');
  if (jobColumn < 0) return [];
  const mine = new Set(jobs.map((j) => j.toLowerCase()));
  return previous.values
    .slice(1)
    .filter((row) => row.some((c) => c !== null && c !== ''))
    .filter((row) => !mine.has(String(row[jobColumn] ?? '').trim().toLowerCase()))
    .map((row) => positions.map((p) => (p < 0 ? null : (row[p] ?? null))));
}
