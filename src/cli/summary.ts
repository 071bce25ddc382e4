import type { JobResult } from '../jobs/job';

export interface CliSummary {
  command: string;
  book: string | null;
  output: string;
  inPlace: boolean;
  results: JobResult[];
}

const RECONCILING: string[] = ['reconcile', 'run'];

/** The short summary a person reads after a run: what was written, how many issues, red flags. */
export function printSummary(s: CliSummary, out: (line: string) => void): void {
  out(`q2c ${s.command}: wrote ${s.output}${s.inPlace ? ` (in place; the original is kept as ${s.output}.bak)` : ''}`);
  for (const r of s.results) {
    out(`  ${r.job}:`);
    for (const sheet of r.sheetsWritten) out(`    ${sheet.name.padEnd(24)} ${sheet.rows.toLocaleString('en-US').padStart(9)} rows`);
    for (const item of r.summary) out(`    ${item.label}: ${typeof item.value === 'number' ? item.value.toLocaleString('en-US') : item.value}`);
    out(`    Issues: ${r.errors} errors, ${r.warnings} warnings${r.issues.length ? ' (see the Issues sheet)' : ''}`);
    if (RECONCILING.includes(r.job)) {
      out(`    Red flags: ${r.redFlags}`);
      out('    KPI charts are drawn by the task pane inside Excel; this file has none.');
    }
  }
}

export function summaryJson(s: CliSummary): unknown {
  return {
    command: s.command,
    input: s.book,
    output: s.output,
    inPlace: s.inPlace,
    jobs: s.results.map((r) => ({
      job: r.job,
      sheets: r.sheetsWritten,
      errors: r.errors,
      warnings: r.warnings,
      redFlags: r.redFlags,
      summary: Object.fromEntries(r.summary.map((i) => [i.label, i.value])),
      issues: r.issues,
    })),
  };
}
