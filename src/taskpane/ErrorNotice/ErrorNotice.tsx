import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorAdvice } from '../describeError';
import { useErrorNoticeStyles } from './useErrorNoticeStyles.styles';

export interface ErrorNoticeProps {
  advice: ErrorAdvice;
  onDismiss?: () => void;
}

/** An Excel or job failure in words, with what to do; the rest of the pane stays usable. */
export function ErrorNotice({ advice, onDismiss }: ErrorNoticeProps) {
  const styles = useErrorNoticeStyles();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{advice.title}</MessageBarTitle>
        <span className={styles.action}>{advice.action}</span>
        <span className={styles.detail}>{advice.detail}</span>
      </MessageBarBody>
      {onDismiss ? (
        <MessageBarActions>
          <Button size="small" onClick={onDismiss}>
            Dismiss
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
