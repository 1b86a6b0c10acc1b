// Typed CSV errors: a stable code (an i18n key under `csv.`), the physical line it concerns
// and the values the message needs. They cross the IPC boundary as data, never as stacks.

export const CSV_ERROR_CODES = [
  'csv.binary',
  'csv.excelFile',
  'csv.empty',
  'csv.tooLarge',
  'csv.tooManyRows',
  'csv.tooManyColumns',
  'csv.fieldTooLong',
  'csv.unterminatedQuote',
] as const;
export type CsvErrorCode = (typeof CSV_ERROR_CODES)[number];

export type CsvParams = Record<string, string | number>;

export class CsvError extends Error {
  readonly code: CsvErrorCode;
  /** 1-based physical line, or 0 when the problem concerns the whole file. */
  readonly line: number;
  readonly params: CsvParams;

  constructor(code: CsvErrorCode, line: number, params: CsvParams = {}) {
    super(`${code} at line ${line}`);
    this.name = 'CsvError';
    this.code = code;
    this.line = line;
    this.params = { line, ...params };
  }

  /** The plain-data form that crosses the IPC boundary. */
  toJSON(): { code: CsvErrorCode; line: number; params: CsvParams } {
    return { code: this.code, line: this.line, params: this.params };
  }
}

export function isCsvError(e: unknown): e is CsvError {
  return e instanceof CsvError;
}

/**
 * Limits that keep a hostile or mistaken file (a 2 GB log, a million columns) from freezing
 * the renderer. A real district registry is a few hundred rows of a dozen columns.
 */
export interface CsvLimits {
  maxChars: number;
  maxColumns: number;
  maxRows: number;
  maxFieldLength: number;
}

export const DEFAULT_LIMITS: CsvLimits = {
  maxChars: 20 * 1024 * 1024,
  maxColumns: 200,
  maxRows: 100_000,
  maxFieldLength: 10_000,
};
