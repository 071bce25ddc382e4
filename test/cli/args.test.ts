import { parseArgs, UsageError } from '../../src/cli/args';
import { toISO } from '../../src/core/calendarDate';

describe('q2c arguments', () => {
  test('a job with its options', () => {
    const a = parseArgs(['reconcile', 'book.xlsx', '--month', '2026-10', '--as-of', '2026-11-20', '-o', 'out.xlsx', '--json']);
    expect(a.command).toBe('reconcile');
    expect(a.book).toBe('book.xlsx');
    expect(a.out).toBe('out.xlsx');
    expect(a.json).toBe(true);
    expect(toISO(a.month!)).toBe('2026-10-01');
    expect(toISO(a.asOf!)).toBe('2026-11-20');
  });

  test.each([
    [['bill'], 'bill needs exactly one workbook'],
    [['bill', 'a.xlsx', 'b.xlsx'], 'bill needs exactly one workbook'],
    [['frobnicate', 'a.xlsx'], 'unknown command "frobnicate"'],
    [['bill', 'a.xlsx', '--as-of', '3/4/2026'], '--as-of takes a date as YYYY-MM-DD, not "3/4/2026"'],
    [['reconcile', 'a.xlsx', '--month', '2026-13'], '--month takes a month as YYYY-MM, not "2026-13"'],
    [['bill', 'a.xlsx', '--month', '2026-10'], '--month goes with reconcile or run'],
    [['bill', 'a.xlsx', '--in-place', '-o', 'b.xlsx'], 'use either --in-place or -o, not both'],
    [['bill', 'a.xlsx', '--sample'], '--sample goes with init'],
    [['bill', 'a.xlsx', '--wat'], 'unknown option --wat'],
    [['demo', 'a.xlsx'], 'demo takes no workbook'],
    [['bill', 'a.xlsx', '-o'], '-o needs a value'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  test('no arguments, --help and --version', () => {
    expect(parseArgs([]).command).toBe('help');
    expect(parseArgs(['--help']).command).toBe('help');
    expect(parseArgs(['-v']).command).toBe('version');
    expect(parseArgs(['init', 'new.xlsx', '--sample']).sample).toBe(true);
  });
});
