import { fromISO, fromYMD, type CalendarDate } from '../core/calendarDate';

export type Command = 'init' | 'bill' | 'analyze' | 'reconcile' | 'run' | 'demo' | 'help' | 'version';

export interface CliArgs {
  command: Command;
  book: string | null;
  out: string | null;
  inPlace: boolean;
  sample: boolean;
  json: boolean;
  quiet: boolean;
  asOf: CalendarDate | null;
  month: CalendarDate | null;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: Command[] = ['init', 'bill', 'analyze', 'reconcile', 'run', 'demo', 'help', 'version'];

export const USAGE = `Usage: q2c <command> [options]

Commands:
  q2c init BOOK.xlsx [--sample]        create a workbook with every input sheet (--sample: a realistic book)
  q2c bill BOOK.xlsx                   Billing Schedule, Draft Invoices, Proration, Revenue Schedule, Issues
  q2c analyze BOOK.xlsx                CRM Data Audit, Gap Analysis, Field Mapping, Tool Selection, Issues
  q2c reconcile BOOK.xlsx [--month YYYY-MM]   Reconciliation, Reconciliation Detail, KPIs, Issues
  q2c run BOOK.xlsx                    all of the above, and Run Summary
  q2c demo                             init --sample then run, into q2c-demo.xlsx

Options:
  -o, --out OUT.xlsx     where to write (default: BOOK-q2c.xlsx beside the input)
  --in-place             write into BOOK.xlsx itself (a BOOK.xlsx.bak copy is kept)
  --as-of YYYY-MM-DD     the As Of Date (overrides Settings)
  --month YYYY-MM        the Reconciliation Month (overrides Settings)
  --json                 print the summary as JSON
  -q, --quiet            no progress lines
  -h, --help             this text
  -v, --version          the version

Exit codes: 0 the job ran (even with Issues rows); 1 the input cannot be read as a workbook; 2 usage error.`;

function valueOf(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('-')) throw new UsageError(`${flag} needs a value`);
  return v;
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    command: 'help', book: null, out: null, inPlace: false, sample: false, json: false, quiet: false, asOf: null, month: null,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '-o': case '--out': args.out = valueOf(argv, i, a); i++; break;
      case '--in-place': args.inPlace = true; break;
      case '--sample': args.sample = true; break;
      case '--json': args.json = true; break;
      case '-q': case '--quiet': args.quiet = true; break;
      case '-h': case '--help': positional.unshift('help'); break;
      case '-v': case '--version': positional.unshift('version'); break;
      case '--as-of': {
        const text = valueOf(argv, i, a); i++;
        args.asOf = fromISO(text);
        if (args.asOf === null) throw new UsageError(`--as-of takes a date as YYYY-MM-DD, not "${text}"`);
        break;
      }
      case '--month': {
        const text = valueOf(argv, i, a); i++;
        const m = /^(\d{4})-(\d{2})$/.exec(text);
        if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UsageError(`--month takes a month as YYYY-MM, not "${text}"`);
        args.month = fromYMD(Number(m[1]), Number(m[2]), 1);
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (positional.length === 0) return args;
  const command = positional[0] as Command;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${positional[0]}"`);
  args.command = command;
  const rest = positional.slice(1);
  if (command === 'help' || command === 'version') return args;
  if (command === 'demo') {
    if (rest.length > 0) throw new UsageError('demo takes no workbook (it writes q2c-demo.xlsx, or -o OUT.xlsx)');
    return args;
  }
  if (rest.length !== 1) throw new UsageError(`${command} needs exactly one workbook, e.g. q2c ${command} BOOK.xlsx`);
  args.book = rest[0];
  if (args.sample && command !== 'init') throw new UsageError('--sample goes with init');
  if (args.inPlace && args.out) throw new UsageError('use either --in-place or -o, not both');
  if (args.inPlace && command === 'init') throw new UsageError('init creates a new workbook; --in-place does not apply');
  if (args.month && command !== 'reconcile' && command !== 'run') throw new UsageError('--month goes with reconcile or run');
  return args;
}
