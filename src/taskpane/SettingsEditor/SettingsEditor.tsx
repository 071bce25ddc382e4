import * as React from 'react';
import { Button, Caption1, Field, Input } from '@fluentui/react-components';
import type { SettingRow } from '../paneHost';
import { useSettingsEditorStyles } from './useSettingsEditorStyles.styles';

export interface SettingsEditorProps {
  settings: SettingRow[];
  /** writes the changed values, one Value cell each */
  onSave: (changes: { setting: string; value: string }[]) => Promise<void>;
  onReload: () => void;
  disabled: boolean;
}

/**
 * The Settings sheet's values, editable in place. Only the Value cells the user changed are
 * written, so the sheet stays the single source of truth.
 */
export function SettingsEditor({ settings, onSave, onReload, disabled }: SettingsEditorProps) {
  const styles = useSettingsEditorStyles();
  const [drafts, setDrafts] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => setDrafts({}), [settings]);

  const changes = settings
    .filter((row) => drafts[row.setting] !== undefined && drafts[row.setting] !== row.text)
    .map((row) => ({ setting: row.setting, value: drafts[row.setting] }));

  const save = async () => {
    setSaving(true);
    try {
      await onSave(changes);
    } finally {
      setSaving(false);
    }
  };

  if (settings.length === 0) {
    return (
      <div className={styles.root}>
        <Caption1>This workbook has no Settings sheet yet. Set up the workbook to create one with defaults.</Caption1>
        <div className={styles.actions}>
          <Button onClick={onReload} disabled={disabled}>
            Reload settings
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      className={styles.root}
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (changes.length > 0) void save();
      }}
    >
      <Caption1>Values are written to the Settings sheet's Value column; the jobs read them from there.</Caption1>
      <div className={styles.fields}>
        {settings.map((row) => (
          <Field key={row.setting} label={row.setting} size="small">
            <Input
              size="small"
              value={drafts[row.setting] ?? row.text}
              disabled={disabled || saving}
              onChange={(_, data) => setDrafts((current) => ({ ...current, [row.setting]: data.value }))}
            />
          </Field>
        ))}
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={disabled || saving || changes.length === 0}>
          {changes.length > 1 ? `Save ${changes.length} changes` : 'Save changes'}
        </Button>
        <Button type="button" onClick={onReload} disabled={disabled || saving}>
          Reload settings
        </Button>
      </div>
    </form>
  );
}
