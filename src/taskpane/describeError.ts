/** What went wrong, in words, and what the user can do about it. */
export interface ErrorAdvice {
  title: string;
  detail: string;
  action: string;
}

/** Office.js error codes the pane can meet, with the user's way out. */
const ADVICE_BY_CODE: Record<string, { title: string; action: string }> = {
  InvalidOperationInCellEditMode: {
    title: 'Excel is busy editing a cell',
    action: 'Press Enter or Esc to finish editing the cell, then try again.',
  },
  EditModeCannotAcquireFocus: {
    title: 'Excel is busy editing a cell',
    action: 'Press Enter or Esc to finish editing the cell, then try again.',
  },
  ItemNotFound: {
    title: 'A sheet or table is missing',
    action: 'Run "Set up workbook" to create the missing sheets, or check that no sheet was renamed.',
  },
  ItemAlreadyExists: {
    title: 'A sheet or table name is already taken',
    action: 'Rename the sheet or table that uses the name, then try again.',
  },
  AccessDenied: {
    title: 'The workbook is protected or read-only',
    action: 'Unprotect the workbook and its sheets (Review > Unprotect), or save a copy you can edit, then try again.',
  },
  RequestPayloadSizeLimitExceeded: {
    title: 'The data is too large for one request',
    action: 'Try again; if it keeps failing, run the job with the q2c command on a saved copy of the workbook.',
  },
  ApiNotFound: {
    title: 'This version of Excel is too old for Q2C Workbench',
    action: 'Update Excel (Microsoft 365, or Excel 2021 or later), or use Excel on the web.',
  },
  Conflict: {
    title: 'Someone else changed the workbook at the same time',
    action: 'Wait a moment for co-authoring changes to settle, then try again.',
  },
  GeneralException: {
    title: 'Excel could not finish the request',
    action: 'Try again; if it keeps failing, save the workbook, close and reopen it.',
  },
};

export function describeError(error: unknown): ErrorAdvice {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const known = code ? ADVICE_BY_CODE[code] : undefined;
  if (known) return { ...known, detail };
  return {
    title: 'Something went wrong',
    detail,
    action: 'Nothing in the workbook was changed by the failed step. Try again; if it keeps failing, save the workbook, close and reopen it.',
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((error as { cause?: unknown }).cause);
}

/** A cancelled job is not an error: the workbook was left as it was. */
export function isCancellation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'JobCancelledError' || name === 'AbortError';
}
