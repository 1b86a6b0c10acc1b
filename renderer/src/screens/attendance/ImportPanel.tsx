import { useMemo, useState } from 'react';
import { FilePicker } from '../../components/FilePicker';
import { decodeText } from '../../../../shared/csv/decode';
import { CsvError, DEFAULT_LIMITS, isCsvError } from '../../../../shared/csv/errors';
import { parseCsv, type ParsedCsv } from '../../../../shared/csv/parse';
import {
  guessMapping,
  issueMessage,
  locateRegistryHeader,
  normalizeOrgName,
  previewRegistryImport,
  REGISTRY_FIELDS,
  type Mapping,
  type RegistryField,
} from '../../../../shared/csv/registry-import';
import { roleMapping, type RoleChoice } from '../../../../shared/csv/registry-roles';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { ErrorBanner, useAction, type Say } from '../../kit';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';
import { ImportRoles } from './ImportRoles';

/** A file that could not be read, kept with its name and worded when drawn. */
class Unreadable {
  constructor(
    readonly file: string,
    readonly cause: unknown,
  ) {}
}

interface Loaded {
  name: string;
  encoding: string;
  parsed: ParsedCsv;
  /** Rows of a title block above the header, left out. */
  titleRows: number;
}

/**
 * Import the registry from a municipal spreadsheet: read, map columns, preview with
 * per-line errors — and write nothing until the person confirms.
 */
export function ImportPanel({
  workshopId,
  registry,
  rules,
  onDone,
}: {
  workshopId: string;
  registry: ReturnType<typeof useRegistry>;
  /** The workshop's vote and quorum rules: the preview says who votes under them. */
  rules: Pick<StoredWorkshopSetup, 'voteRule' | 'quorum'>;
  /** What the import did, worded when drawn (it follows a change of language). */
  onDone: (done: Say) => void;
}) {
  const { t, lang, errorText } = useI18n();
  const { data, applied } = registry;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  // The operator's choices for role values the reader did not recognise (fold(value) → choice).
  const [roleChoices, setRoleChoices] = useState<ReadonlyMap<string, RoleChoice>>(new Map());
  const { busy, error, clear, failWith, run } = useAction((e) =>
    e instanceof Unreadable
      ? isCsvError(e.cause)
        ? `${e.file}: ${t(e.cause.code, e.cause.params)}`
        : errorText(e.cause)
      : errorText(e),
  );

  const existing = useMemo(() => {
    const dnis = new Set((data?.participants ?? []).map((p) => p.dni).filter(Boolean));
    const organizationNames = new Map(
      (data?.organizations ?? []).map((o) => [normalizeOrgName(o.name), o.id]),
    );
    return { dnis, organizationNames };
  }, [data]);

  const preview = useMemo(
    () =>
      loaded && mapping
        ? previewRegistryImport(loaded.parsed, mapping, existing, roleChoices)
        : null,
    [loaded, mapping, existing, roleChoices],
  );

  const onFile = async (file: File) => {
    clear();
    setLoaded(null);
    setRoleChoices(new Map());
    try {
      // Refuse a huge file before reading it into memory (a 200 MB export would stall the page).
      if (file.size > DEFAULT_LIMITS.maxChars)
        throw new CsvError('csv.tooLarge', 0, { size: file.size, max: DEFAULT_LIMITS.maxChars });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const decoded = decodeText(bytes);
      const { titleRows, ...parsed } = locateRegistryHeader(parseCsv(decoded.text));
      setLoaded({ name: file.name, encoding: decoded.encoding, parsed, titleRows });
      setMapping(guessMapping(parsed.header));
    } catch (err) {
      failWith(new Unreadable(file.name, err));
    }
  };

  const confirm = async () => {
    if (!preview || !loaded || preview.errors.length > 0 || preview.rolesUnchosen > 0) return;
    const chosen = roleMapping(preview.roles);
    await run(async () => {
      const r = await applied(
        await invoke('registry:import', {
          workshopId,
          source: loaded.name,
          organizations: preview.organizations,
          participants: preview.participants.map((p) => ({ ...p, organizationId: null })),
          roleMapping: chosen,
        }),
      );
      const file = loaded.name;
      onDone((w) => {
        const mapped = chosen
          .map((m) => `«${m.value}» → ${w.t(`attendance.import.roles.choice.${m.role}`)}`)
          .join(' · ');
        return (
          w.t('attendance.import.done', {
            organizations: r.organizations,
            participants: r.participants,
            file,
          }) + (mapped ? ` ${w.t('attendance.import.roles.done', { mapping: mapped })}` : '')
        );
      });
    });
  };

  return (
    <section className="panel import" aria-label={t('attendance.import.heading')}>
      <h3>{t('attendance.import.heading')}</h3>
      <p className="hint">{t('attendance.import.lead')}</p>
      <FilePicker
        label={t('attendance.import.choose')}
        accept=".csv,.txt,text/csv"
        testId="import-file"
        onFile={(f) => void onFile(f)}
      />
      <ErrorBanner error={error} />
      {loaded && mapping && preview && (
        <>
          <p className="muted">
            {t('attendance.import.fileInfo', {
              file: loaded.name,
              encoding: loaded.encoding,
              delimiter: loaded.parsed.delimiter === '\t' ? 'TAB' : loaded.parsed.delimiter,
              rows: loaded.parsed.rows.length,
            })}
            {loaded.titleRows > 0 &&
              ` ${t('attendance.import.titleRows', { n: loaded.titleRows, line: loaded.parsed.headerLine })}`}
          </p>
          <h4>{t('attendance.import.mapping')}</h4>
          <div className="mapping grid-3">
            {REGISTRY_FIELDS.map((f: RegistryField) => (
              <label key={f}>
                {t(`csv.header.${f}`)}
                <select
                  name={`map-${f}`}
                  value={mapping[f] ?? ''}
                  onChange={(e) =>
                    setMapping({
                      ...mapping,
                      [f]: e.target.value === '' ? null : Number(e.target.value),
                    })
                  }
                >
                  <option value="">—</option>
                  {loaded.parsed.header.map((h, i) => (
                    <option key={i} value={i}>
                      {h || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <ImportRoles
            preview={preview}
            choices={roleChoices}
            voteRule={rules.voteRule}
            quorum={rules.quorum}
            onChoose={(key, choice) =>
              setRoleChoices((m) => {
                const next = new Map(m);
                if (choice) next.set(key, choice);
                else next.delete(key);
                return next;
              })
            }
          />
          <p className="import-counts" data-testid="import-counts">
            {t('attendance.import.counts', {
              organizations: preview.organizations.length,
              participants: preview.participants.length,
              errors: preview.errors.length,
              warnings: preview.warnings.length,
            })}
          </p>
          {preview.errors.length > 0 && (
            <div className="banner error" role="alert">
              <strong>{t('attendance.import.fixFirst')}</strong>
              <ul className="issues" data-testid="import-errors">
                {preview.errors.slice(0, 50).map((x, i) => (
                  <li key={i}>{issueMessage(x, lang)}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.warnings.length > 0 && (
            <details className="banner warn">
              <summary>{t('attendance.import.warnings', { n: preview.warnings.length })}</summary>
              <ul className="issues">
                {preview.warnings.slice(0, 100).map((x, i) => (
                  <li key={i}>{issueMessage(x, lang)}</li>
                ))}
              </ul>
            </details>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              data-testid="import-confirm"
              disabled={
                busy ||
                preview.errors.length > 0 ||
                preview.rolesUnchosen > 0 ||
                preview.participants.length === 0
              }
              onClick={() => void confirm()}
            >
              {t('attendance.import.confirm', { n: preview.participants.length })}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
