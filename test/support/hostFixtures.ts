import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';

/** A calendar date from ISO text; throws on a typo so a fixture never silently shifts. */
export const d = (iso: string): CalendarDate => {
  const date = fromISO(iso);
  if (date === null) throw new Error(iso);
  return date;
};

/** workbook.md's list of user text that must come back exactly as typed, never as a formula or number. */
export const TEXT_AS_TYPED = ['=1+1', '-2+3', '@SUM(A1)', '\tleading tab', '00123', '1-2', 'TRUE', '1E5'];

/**
 * Every part of a saved .xlsx as text, by name, for comparing two saves: the creation and
 * modification times in docProps/core.xml are the only thing two saves of one book may differ in.
 */
export async function xlsxParts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts: Record<string, string> = {};
  for (const entry of Object.keys(zip.files).sort()) {
    const text = await zip.file(entry)!.async('string');
    parts[entry] = entry === 'docProps/core.xml' ? text.replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g, '') : text;
  }
  return parts;
}
