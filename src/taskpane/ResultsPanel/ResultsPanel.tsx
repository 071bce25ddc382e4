import * as React from 'react';
import { Caption1, Link, mergeClasses } from '@fluentui/react-components';
import type { JobResult } from '../../jobs/job';
import { useResultsPanelStyles } from './useResultsPanelStyles.styles';

export interface ResultsPanelProps {
  jobTitle: string;
  result: JobResult;
  onOpenSheet: (name: string) => void;
}

const formatCount = (n: number) => n.toLocaleString('en-US');

/** What the job produced: its own summary lines, the red flags and issues, and links to the sheets it wrote. */
export function ResultsPanel({ jobTitle, result, onOpenSheet }: ResultsPanelProps) {
  const styles = useResultsPanelStyles();
  const issueText =
    result.issues.length === 0
      ? 'none'
      : `${formatCount(result.errors)} error${result.errors === 1 ? '' : 's'}, ${formatCount(result.warnings)} warning${result.warnings === 1 ? '' : 's'}`;
  return (
    <section className={styles.root} aria-labelledby="results-heading">
      <h2 id="results-heading" className={styles.heading}>
        {jobTitle}: done
      </h2>
      <dl className={styles.summary}>
        {result.summary.map((item) => (
          <React.Fragment key={item.label}>
            <dt className={styles.term}>{item.label}</dt>
            <dd className={styles.value}>{typeof item.value === 'number' ? formatCount(item.value) : item.value}</dd>
          </React.Fragment>
        ))}
        <dt className={styles.term}>Red flags</dt>
        <dd className={mergeClasses(styles.value, result.redFlags > 0 && styles.flagged)}>{formatCount(result.redFlags)}</dd>
        <dt className={styles.term}>Issues</dt>
        <dd className={styles.value}>{issueText}</dd>
      </dl>
      {result.sheetsWritten.length > 0 ? (
        <>
          <Caption1 id="sheets-written">Sheets written (select one to open it):</Caption1>
          <ul className={styles.sheets} aria-labelledby="sheets-written">
            {result.sheetsWritten.map((sheet) => (
              <li key={sheet.name}>
                <Link as="button" onClick={() => onOpenSheet(sheet.name)}>
                  {sheet.name}
                </Link>{' '}
                <Caption1>({formatCount(sheet.rows)} rows)</Caption1>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
