// Reading a spreadsheet through a column mapping: a field's cell in a row, the field's
// header as the file writes it, and per-line issues that name both. Shared by every
// import that maps columns to fields (the registry, the final plan).
import type { CsvParams } from './errors';

/** One problem of an import, at a physical line of the file and, when known, a field. */
export interface LineIssue<F extends string> {
  line: number;
  field: F | null;
  /** i18n key; `params.line` is the line and `params.field` the column's header as written. */
  key: string;
  params: CsvParams;
}

export function mappedColumns<F extends string>(
  header: readonly string[],
  mapping: Readonly<Record<F, number | null>>,
  clean: (raw: string) => string,
) {
  const pick = (cells: readonly string[], field: F) => {
    const col = mapping[field];
    return col === null ? '' : clean(cells[col] ?? '');
  };
  const label = (field: F) => pick(header, field);
  return {
    label,
    cell: (cells: readonly string[], field: F) => pick(cells, field),
    issue: (
      list: LineIssue<F>[],
      line: number,
      field: F | null,
      key: string,
      params: CsvParams = {},
    ) =>
      list.push({
        line,
        field,
        key,
        params: { line, ...(field ? { field: label(field) } : {}), ...params },
      }),
  };
}
