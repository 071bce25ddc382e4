import type { SyncLogEntry } from '../../reconcile/model';
import type { SheetTable } from './sheetTable';

/** The Sync Log export: Timestamp (a date-time, read in Setting Time Zone unless it says otherwise), Integration, Status, Records, Error. */
export function readSyncLog(table: SheetTable): SyncLogEntry[] {
  const entries: SyncLogEntry[] = [];
  for (const row of table.rows) {
    const timestamp = row.dateTime('timestamp', { required: true });
    const integration = row.text('integration');
    const status = row.enumeration<'Success' | 'Failure'>('status', { required: true });
    const records = row.integer('records');
    if (records !== null && records < 0) row.error('records', 'Records is negative', 'Type the number of records, 0 or more');
    const error = row.text('error');
    if (row.hasError || timestamp === null || status === null) continue;
    entries.push({
      timestamp: timestamp.instant,
      date: timestamp.date,
      integration: integration ?? '',
      status,
      records,
      error,
      source: row.source,
    });
  }
  return entries;
}
