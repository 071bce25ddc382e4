import { Body1Strong, Button, Caption1, ProgressBar } from '@fluentui/react-components';
import { useJobProgressStyles } from './useJobProgressStyles.styles';

export interface JobProgressProps {
  jobTitle: string;
  /** the step in words, e.g. "Reading Contracts — 1,240 rows" */
  step: string;
  /** 0..1, never lower than before (useJobRunner sees to it) */
  fraction: number;
  onCancel: () => void;
}

export function JobProgress({ jobTitle, step, fraction, onCancel }: JobProgressProps) {
  const styles = useJobProgressStyles();
  const percent = Math.round(fraction * 100);
  return (
    <section className={styles.root} aria-label={`${jobTitle} in progress`}>
      <div className={styles.row}>
        <Body1Strong>{jobTitle}…</Body1Strong>
        <Button appearance="secondary" size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <ProgressBar value={fraction} max={1} thickness="large" aria-label="Progress" aria-valuetext={`${percent}%: ${step}`} />
      <div className={styles.row}>
        <Caption1 className={styles.step} role="status" aria-live="polite">
          {step}
        </Caption1>
        <Caption1>{percent}%</Caption1>
      </div>
    </section>
  );
}
