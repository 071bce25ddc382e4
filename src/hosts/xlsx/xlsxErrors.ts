/** The file could not be read as a workbook: the CLI exits 1 with this message (no stack trace). */
export class XlsxReadError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string, cause?: unknown) {
    super(`${file}: ${problem}`, { cause });
    this.name = 'XlsxReadError';
    this.file = file;
    this.problem = problem;
  }
}

/** Writing an .xlsx failed; the message names the file and, where known, the sheet. */
export class XlsxWriteError extends Error {
  readonly file: string;
  readonly sheet: string | undefined;
  constructor(file: string, sheet: string | undefined, problem: string, cause?: unknown) {
    super(`${file}${sheet ? `, sheet '${sheet}'` : ''}: ${problem}`, { cause });
    this.name = 'XlsxWriteError';
    this.file = file;
    this.sheet = sheet;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
