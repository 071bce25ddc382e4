import * as React from 'react';
import { Body1, Button } from '@fluentui/react-components';
import { useJobCardStyles } from './useJobCardStyles.styles';

export interface JobCardProps {
  id: string;
  title: string;
  /** One sentence: what the job reads and what it writes. */
  description: string;
  actionLabel: string;
  disabled: boolean;
  onRun: () => void;
  /** options of the job (sample data, month) */
  children?: React.ReactNode;
}

/** One place per job: what it does, its options and the one button that runs it. */
export function JobCard({ id, title, description, actionLabel, disabled, onRun, children }: JobCardProps) {
  const styles = useJobCardStyles();
  const headingId = `${id}-title`;
  const descriptionId = `${id}-description`;
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        {title}
      </h3>
      <Body1 as="p" id={descriptionId} className={styles.description}>
        {description}
      </Body1>
      {children ? <div className={styles.controls}>{children}</div> : null}
      <Button
        className={styles.button}
        appearance="primary"
        disabled={disabled}
        aria-describedby={descriptionId}
        onClick={onRun}
      >
        {actionLabel}
      </Button>
    </section>
  );
}
