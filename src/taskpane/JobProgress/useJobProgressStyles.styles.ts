import { makeStyles, tokens } from '@fluentui/react-components';

export const useJobProgressStyles = makeStyles({
  // Sticky, so the progress and Cancel stay in view however far the pane is scrolled.
  root: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    boxShadow: tokens.shadow4,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  step: {
    overflowWrap: 'anywhere',
  },
});
