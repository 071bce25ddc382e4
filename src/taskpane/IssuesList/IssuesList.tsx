import * as React from 'react';
import { Badge, Button, Caption1, Link, Text, mergeClasses } from '@fluentui/react-components';
import type { Issue } from '../../core/issue';
import { useIssuesListStyles } from './useIssuesListStyles.styles';

export interface IssuesListProps {
  issues: Issue[];
  /** selects the offending cell, e.g. Contracts!F14 */
  onSelectCell: (address: string) => void;
  onOpenIssuesSheet: () => void;
  /** how many to list in the pane; the Issues sheet has them all */
  limit?: number;
}

const DEFAULT_LIMIT = 100;

/** The job's Issues, errors first; each one selects its cell in the input sheet. */
export function IssuesList({ issues, onSelectCell, onOpenIssuesSheet, limit = DEFAULT_LIMIT }: IssuesListProps) {
  const styles = useIssuesListStyles();
  const ordered = React.useMemo(
    () => [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'Error' ? -1 : 1)),
    [issues],
  );
  const shown = ordered.slice(0, limit);
  return (
    <section className={styles.root} aria-labelledby="issues-heading">
      <h2 id="issues-heading" className={styles.heading}>
        Issues ({issues.length.toLocaleString('en-US')})
      </h2>
      {issues.length === 0 ? (
        <Text>No issues: every row was read as stated.</Text>
      ) : (
        <>
          <Caption1>Select an issue to go to its cell.</Caption1>
          <ul className={styles.list}>
            {shown.map((issue, index) => (
              <li key={`${issue.cell}-${index}`}>
                <Button
                  className={styles.issue}
                  appearance="subtle"
                  aria-label={`${issue.severity} at ${issue.cell}: ${issue.problem}. ${issue.fix}`}
                  onClick={() => onSelectCell(issue.cell)}
                >
                  <span className={styles.body}>
                    <span className={styles.where}>
                      <Badge appearance="tint" color={issue.severity === 'Error' ? 'danger' : 'warning'} size="small">
                        {issue.severity}
                      </Badge>
                      <span className={styles.text}>{issue.cell}</span>
                    </span>
                    <span className={styles.text}>{issue.problem}</span>
                    {issue.fix ? <Caption1 className={mergeClasses(styles.fix, styles.text)}>{issue.fix}</Caption1> : null}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
          {ordered.length > shown.length ? (
            <Caption1>
              Showing {shown.length} of {ordered.length.toLocaleString('en-US')}.{' '}
              <Link as="button" onClick={onOpenIssuesSheet}>
                Open the Issues sheet
              </Link>{' '}
              for all of them.
            </Caption1>
          ) : null}
        </>
      )}
    </section>
  );
}
