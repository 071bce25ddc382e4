import { syntheticBook } from './syntheticBook';
import { sampleGrid } from '../src/jobs/sampleBook/sampleBook';
import type { InputSheetName } from '../src/workbook/inputSheets';
import { parseBillingInputs } from '../src/workbook/parseInputs';
import { buildBillingSchedule } from '../src/core/schedule';
import { fromISO, type CalendarDate } from '../src/core/calendarDate';

const sheets = syntheticBook(Number(process.argv[2] ?? 3000));
const grids = Object.fromEntries(Object.entries(sheets).map(([n, rows]) => [n, sampleGrid(n as InputSheetName, rows ?? [])]));
const parsed = parseBillingInputs(grids, { job: 'Bill', today: fromISO('2025-08-01') as CalendarDate });
const t = process.cpuUsage();
const s = buildBillingSchedule(parsed.inputs);
const u = process.cpuUsage(t);
console.log(s.lines.length, 'lines', (u.user + u.system) / 1e6, 's cpu');
