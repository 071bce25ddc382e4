import { MemoryHost } from '../support/memoryHost';
import { runJob } from '../../src/jobs/runJob';
import { sheetsReadBy } from '../../src/jobs/sheetsRead';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { dataRowCount, type SheetSpec } from '../../src/workbook/sheetSpec';
import type { ComputedJob } from '../../src/jobs/computeJob';
import { computeJob } from '../../src/jobs/computeJob';

const today = fromISO('2026-11-26') as CalendarDate;

/** A host that records the order of the calls a job makes. */
class RecordingHost extends MemoryHost {
  readonly calls: string[] = [];
  override async readInput(name: string) {
    this.calls.push(`read ${name}`);
    return super.readInput(name);
  }
  doneReading(): void {
    this.calls.push('done reading');
  }
  override async writeSheets(specs: SheetSpec[]) {
    this.calls.push('write');
    return super.writeSheets(specs);
  }
}

describe('runJob', () => {
  it('tells the host it is done reading after the last read and before computing, so the host can free its copy of the book', async () => {
    const host = new RecordingHost();
    await runJob('setup', host, { sample: true, today });
    host.calls.length = 0;
    let callsWhenComputing: string[] = [];
    const compute = async (...args: Parameters<typeof computeJob>): Promise<ComputedJob> => {
      callsWhenComputing = [...host.calls];
      return computeJob(...args);
    };
    await runJob('bill', host, { today }, compute);
    const reads = sheetsReadBy('bill').map((name) => `read ${name}`);
    expect(callsWhenComputing).toEqual([...reads, 'done reading']);
    expect(host.calls).toEqual([...reads, 'done reading', 'write']);
  });

  it('counts the rows of sheets made on demand in what it reports as written', async () => {
    const host = new MemoryHost();
    await runJob('setup', host, { sample: true, today });
    let specs: SheetSpec[] = [];
    const result = await runJob('bill', host, { today }, async (...args) => {
      const computed = computeJob(...args);
      specs = computed.specs;
      return computed;
    });
    const schedule = specs.find((s) => s.name === 'Billing Schedule')!;
    expect(schedule.rowSource).toBeDefined();
    expect(schedule.rows).toEqual([]);
    const written = result.sheetsWritten.find((s) => s.name === 'Billing Schedule')!.rows;
    expect(written).toBe(dataRowCount(schedule));
    expect(written).toBe(host.table('Billing Schedule').length);
    expect(written).toBeGreaterThan(10);
  });
});
