import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Title3 } from '@fluentui/react-components';
import { useNotInExcelStyles } from './useNotInExcelStyles.styles';

export interface NotInExcelProps {
  /** the host Office reported, if any (e.g. "Word"), or why Office was not found */
  detail?: string;
}

/** Shown when the pane is opened anywhere but Excel: what to do instead, plainly. */
export function NotInExcel({ detail }: NotInExcelProps) {
  const styles = useNotInExcelStyles();
  return (
    <main className={styles.root}>
      <Title3 as="h1">Q2C Workbench</Title3>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Open this in Excel</MessageBarTitle>
          Q2C Workbench works inside Excel (desktop or on the web): open your workbook there and choose Home &gt;
          Q2C Workbench.{detail ? ` (${detail})` : ''}
        </MessageBarBody>
      </MessageBar>
      <Body1>
        For .xlsx files outside Excel, the <code className={styles.code}>q2c</code> command runs the same jobs, for
        example <code className={styles.code}>q2c run BOOK.xlsx</code> or <code className={styles.code}>q2c demo</code>.
      </Body1>
    </main>
  );
}
