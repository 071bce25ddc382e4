/**
 * Sheet rows wait for the zip: while the file being written takes nothing, writing a large
 * sheet stops after a few MB instead of holding the whole sheet in memory, and carries on,
 * complete, once the file takes data again.
 */
import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { StreamingBook } from '../../src/hosts/xlsx/streamingBook';
import { writeOutputSheet } from '../../src/hosts/xlsx/outputSheet';
import type { OutCell, SheetSpec } from '../../src/workbook/sheetSpec';

const ROWS = 60_000;
const WIDTH = 7;
/** ~120 characters that deflate cannot shrink much, so the zip's own small buffers hold little of the sheet */
function text(r: number, c: number): string {
  let seed = (r * WIDTH + c + 1) * 2654435761;
  let out = `r${r}c${c} `;
  while (out.length < 120) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += seed.toString(36);
  }
  return out.slice(0, 120);
}

const spec: SheetSpec = {
  name: 'Billing Schedule',
  tableName: 'BillingSchedule',
  columns: Array.from({ length: WIDTH }, (_, c) => ({ header: `Column ${c + 1}`, kind: 'text' as const })),
  rows: [],
  rowSource: { count: ROWS, row: (r) => Array.from({ length: WIDTH }, (_, c): OutCell => text(r, c)) },
};

describe('writing a sheet into a file that is not taking data', () => {
  it('stops after a few MB of rows, then finishes every row once the file drains', async () => {
    const file = new PassThrough(); // nothing reads it yet
    const book = new StreamingBook(file, false);
    let rowsWritten = 0;
    let finished = false;
    const writing = writeOutputSheet(book, spec, spec.name, spec.tableName, 1900, () => { rowsWritten += 1; }).then(() => { finished = true; });

    // wait until the writing finishes or stops moving, however fast this machine is
    for (let last = -1, still = 0; !finished && still < 4; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      still = rowsWritten === last ? still + 1 : 0;
      last = rowsWritten;
    }
    const stalled = { finished, rowsWritten };

    const chunks: Buffer[] = [];
    file.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => file.on('end', resolve));
    await writing;
    await book.commit();
    await ended;
    // ~1 KB of XML per row: held near the 8 MB bound, far from all 60 MB of the sheet
    expect(stalled.finished).toBe(false);
    expect(stalled.rowsWritten).toBeGreaterThan(1000);
    expect(stalled.rowsWritten).toBeLessThan(ROWS / 2);
    expect(rowsWritten).toBe(ROWS + 1); // the header, then every data row
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(`<c r="G${ROWS + 1}" s="1" t="str"><v>${text(ROWS - 1, 6)}</v></c>`);
  }, 60_000);
});
