/**
 * Errors out of the Excel host: the Office error with what the host was doing (and on which
 * sheet) in front, the original kept as `cause` and its Office `code` kept for callers.
 */
export class ExcelHostError extends Error {
  readonly sheet: string | undefined;
  readonly code: string | undefined;
  constructor(message: string, sheet?: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ExcelHostError';
    this.sheet = sheet;
    this.code = officeErrorCode(cause);
  }
}

/** The `code` of an OfficeExtension.Error (or of an ExcelHostError wrapping one). */
export function officeErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Excel on the web refuses a request over its payload limit; nothing of it was applied. */
export function isPayloadTooLarge(error: unknown): boolean {
  return officeErrorCode(error) === 'RequestPayloadSizeLimitExceeded';
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
