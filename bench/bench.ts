/**
 * `npm run bench`: the speed and memory figures of the README's Performance section. Each part
 * runs in its own node process so its peak RSS is its own; the parent prints the table.
 *
 *   core   the billing core alone on a 10,000-contract book (~300k schedule lines)
 *   run    `q2c run` end to end on the same book as .xlsx, beside the I/O floor:
 *   floor  exceljs reading the same file and stream-writing as many cells, no computation
 *   excel  the Excel host writing a 300k-row sheet into the in-memory fake: syncs, largest request
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { syntheticBook } from './syntheticBook';
import { sampleGrid } from '../src/jobs/sampleBook/sampleBook';
import type { InputSheetName } from '../src/workbook/inputSheets';
import { INPUT_SHEETS } from '../src/workbook/inputSheets';
import { parseBillingInputs } from '../src/workbook/parseInputs';
import { buildBillingSchedule } from '../src/core/schedule';
import { billBook } from '../src/core/bill';
import { fromISO, type CalendarDate } from '../src/core/calendarDate';
import { XlsxHost } from '../src/hosts/xlsx/xlsxHost';
import { inputSheetSpec } from '../src/jobs/setup';
import { main } from '../src/cli/main';

const CONTRACTS = Number(process.env.Q2C_BENCH_CONTRACTS ?? 10_000);
const DIR = path.resolve('.bench');

type Figures = Record<string, number | string>;

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function seconds(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e9;
}

function bookGrids(contracts: number) {
  const sheets = syntheticBook(contracts);
  return Object.fromEntries(Object.entries(sheets).map(([name, rows]) => [name, sampleGrid(name as InputSheetName, rows ?? [])]));
}

function benchCore(): Figures {
  const grids = bookGrids(CONTRACTS);
  let t = process.hrtime.bigint();
  const parsed = parseBillingInputs(grids, { job: 'Bill', today: fromISO('2025-08-01') as CalendarDate });
  const parseSeconds = seconds(t);
  t = process.hrtime.bigint();
  const schedule = buildBillingSchedule(parsed.inputs);
  const scheduleSeconds = seconds(t);
  t = process.hrtime.bigint();
  const whole = billBook(parsed.inputs);
  const wholeSeconds = seconds(t);
  return {
    contracts: CONTRACTS,
    'usage rows': parsed.rowsRead['Usage'] ?? 0,
    amendments: parsed.inputs.amendments.length,
    'schedule lines': schedule.lines.length,
    'parse s': round(parseSeconds),
    'schedule s': round(scheduleSeconds),
    'schedule lines/s': Math.round(schedule.lines.length / scheduleSeconds),
    'whole core s (schedule+documents+revenue)': round(wholeSeconds),
    'whole core lines/s': Math.round(whole.lines.length / wholeSeconds),
    'peak RSS MB': peakRssMb(),
  };
}

async function makeBook(file: string): Promise<void> {
  const host = XlsxHost.createEmpty();
  const sheets = syntheticBook(CONTRACTS);
  await host.writeSheets(INPUT_SHEETS.filter((s) => sheets[s.name]).map((s) => inputSheetSpec(s, sheets[s.name] ?? [])));
  await host.save(file);
}

async function benchRun(file: string, out: string): Promise<Figures> {
  const t = process.hrtime.bigint();
  let printed = '';
  const code = await main(['run', file, '-o', out, '-q', '--json'], { out: (s) => { printed += s; }, err: () => undefined });
  const elapsed = seconds(t);
  if (code !== 0) throw new Error(`q2c run exited ${code}`);
  const summary = JSON.parse(printed) as { jobs: { sheets: { name: string; rows: number }[] }[] };
  const rows = summary.jobs[0].sheets.reduce((n, s) => n + s.rows, 0);
  return { 'run s': round(elapsed), 'output rows': rows, 'output MB': round(statSync(out).size / 1e6), 'peak RSS MB': peakRssMb() };
}

/** The floor: read the input with exceljs and stream-write the same number of rows x columns. */
async function benchFloor(file: string, out: string, rows: number, columns: number): Promise<Figures> {
  const t = process.hrtime.bigint();
  const input = new ExcelJS.Workbook();
  await input.xlsx.readFile(file);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true });
  const sheet = writer.addWorksheet('Floor');
  for (let r = 0; r < rows; r++) {
    const values: (string | number)[] = [];
    for (let c = 0; c < columns; c++) values.push(c % 3 === 0 ? `text ${r}` : r + c / 100);
    sheet.addRow(values).commit();
  }
  await writer.commit();
  return { 'floor s': round(seconds(t)), 'peak RSS MB': peakRssMb() };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function child(part: string, ...args: string[]): Figures {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, part, ...args], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`bench part ${part} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Figures;
}

function print(title: string, figures: Figures): void {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`);
}

async function orchestrate(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const book = path.join(DIR, `book-${CONTRACTS}.xlsx`);
  console.log(`Q2C Workbench benchmarks on ${CONTRACTS.toLocaleString('en-US')} contracts (node ${process.version})`);
  const core = child('core');
  print('Billing core alone', core);
  child('make-book', book);
  const run = child('run', book, path.join(DIR, 'run-out.xlsx'));
  print('q2c run end to end', run);
  const floor = child('floor', book, path.join(DIR, 'floor-out.xlsx'), String(run['output rows']), '20');
  print('I/O floor (exceljs read + stream-write the same cells)', floor);
  const excel = child('excel');
  print('Excel host into the in-memory fake (300k rows x 21 columns)', excel);
  console.log('\nSummary');
  console.log(`  schedule lines/s            ${Number(core['schedule lines/s']).toLocaleString('en-US')} (goal >= 500,000)`);
  console.log(`  run / floor                 ${round(Number(run['run s']) / Number(floor['floor s']))} (goal <= 1.2)`);
  console.log(`  run peak RSS MB             ${run['peak RSS MB']}`);
  console.log(`  excel syncs                 ${excel['syncs']} (limit ${excel['sync limit']}); largest request ${excel['largest request KB']} KB (limit 2,048 KB)`);
}

async function benchExcel(): Promise<Figures> {
  const { benchExcelHost } = await import('./excelHostBench');
  return benchExcelHost(300_000);
}

async function part(name: string, args: string[]): Promise<Figures | null> {
  switch (name) {
    case 'core': return benchCore();
    case 'make-book': await makeBook(args[0]); return { ok: 1 };
    case 'run': return benchRun(args[0], args[1]);
    case 'floor': return benchFloor(args[0], args[1], Number(args[2]), Number(args[3]));
    case 'excel': return benchExcel();
    default: return null;
  }
}

const [name, ...rest] = process.argv.slice(2);
(name ? part(name, rest).then((f) => console.log(JSON.stringify(f))) : orchestrate()).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
