import { copyFile, rename, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { XlsxHost } from '../hosts/xlsx/xlsxHost';
import { XlsxReadError } from '../hosts/xlsx/xlsxErrors';
import { runJob } from '../jobs/runJob';
import type { JobKind, JobResult } from '../jobs/job';
import type { Progress } from '../hosts/host';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { printSummary, summaryJson, type CliSummary } from './summary';
import { boundHeapGrowth } from './heapGrowth';

export const VERSION = '0.1.0';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

/** An input that cannot be read as a workbook: exit 1. */
export class InputError extends Error {}

/** `q2c ...`: returns the exit code (0 ran, 1 input unreadable, 2 usage error). */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  boundHeapGrowth();
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`q2c: ${e.message}\nRun "q2c --help" for usage.`);
      return 2;
    }
    throw e;
  }
  try {
    switch (args.command) {
      case 'help': io.out(USAGE); return 0;
      case 'version': io.out(VERSION); return 0;
      case 'init': return await init(args, io);
      case 'demo': return await demo(args, io);
      default: return await runOnBook(args.command, args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`q2c: ${e.message}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`q2c: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false; // stat's ENOENT is the answer "no such file"
  }
}

async function openBook(book: string): Promise<XlsxHost> {
  if (!(await exists(book))) throw new InputError(`${book}: no such file`);
  try {
    return await XlsxHost.open(book);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new InputError(`${book}: cannot be read as an .xlsx workbook (${e.problem})`);
    throw e;
  }
}

function progressPrinter(args: CliArgs, io: CliIO): ((p: Progress) => void) | undefined {
  if (args.quiet) return undefined;
  let lastStep = '';
  let lastFraction = -1;
  return (p) => {
    const stage = p.step.split(' — ')[0];
    if (stage !== lastStep || p.fraction - lastFraction >= 0.1 || p.fraction === 1) {
      if (p.fraction === 1 && lastFraction === 1) return;
      io.err(`  ${String(Math.round(p.fraction * 100)).padStart(3)}%  ${p.step}`);
      lastStep = stage;
      lastFraction = p.fraction;
    }
  };
}

function defaultOutput(book: string): string {
  const parsed = path.parse(book);
  return path.join(parsed.dir, `${parsed.name}-q2c${parsed.ext || '.xlsx'}`);
}

async function runOnBook(kind: Exclude<JobKind, 'setup'>, args: CliArgs, io: CliIO): Promise<number> {
  const book = args.book as string;
  const host = await openBook(book);
  if (args.inPlace) {
    const reason = host.chartsOrPivotsReason();
    if (reason) throw new UsageError(`--in-place refused for ${book}: ${reason}. Write a copy with -o instead.`);
  }
  const result = await runJob(kind, host, {
    asOfDate: args.asOf ?? undefined,
    reconciliationMonth: args.month ?? undefined,
    progress: progressPrinter(args, io),
  });
  const out = args.inPlace ? book : (args.out ?? defaultOutput(book));
  if (!args.inPlace && path.resolve(out) === path.resolve(book)) {
    throw new UsageError(`-o ${out} is the input itself; use --in-place to write into it`);
  }
  await save(host, out, args.inPlace);
  report(io, args, { command: kind, book, output: out, results: [result], inPlace: args.inPlace });
  return 0;
}

/** Writes the book; in place it goes through a temporary file and keeps a .bak, so no data is ever lost. */
async function save(host: XlsxHost, out: string, inPlace: boolean): Promise<void> {
  if (!inPlace) {
    await host.save(out);
    return;
  }
  const temporary = `${out}.q2c-tmp`;
  await host.save(temporary);
  await copyFile(out, `${out}.bak`);
  await rename(temporary, out);
}

async function init(args: CliArgs, io: CliIO): Promise<number> {
  const book = args.book as string;
  if (await exists(book)) throw new UsageError(`${book} already exists; init never overwrites a workbook. Choose a new name.`);
  const host = XlsxHost.createEmpty();
  const result = await runJob('setup', host, { sample: args.sample, progress: progressPrinter(args, io) });
  await host.save(book);
  report(io, args, { command: 'init', book, output: book, results: [result], inPlace: false });
  return 0;
}

async function demo(args: CliArgs, io: CliIO): Promise<number> {
  const out = args.out ?? 'q2c-demo.xlsx';
  const host = XlsxHost.createEmpty();
  const progress = progressPrinter(args, io);
  const setup = await runJob('setup', host, { sample: true, progress });
  const run = await runJob('run', host, { asOfDate: args.asOf ?? undefined, reconciliationMonth: args.month ?? undefined, progress });
  await host.save(out);
  report(io, args, { command: 'demo', book: null, output: out, results: [setup, run], inPlace: false });
  return 0;
}

function report(io: CliIO, args: CliArgs, summary: CliSummary): void {
  if (args.json) io.out(JSON.stringify(summaryJson(summary), null, 2));
  else printSummary(summary, io.out);
}

export type { JobResult };
