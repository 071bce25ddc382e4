import { makeStyles, tokens } from '@fluentui/react-components';

export const useErrorNoticeStyles = makeStyles({
  detail: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  action: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
  },
});
