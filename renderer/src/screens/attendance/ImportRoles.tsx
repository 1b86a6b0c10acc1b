import type { RegistryPreview } from '../../../../shared/csv/registry-import';
import { ROLE_CHOICES, type RoleChoice } from '../../../../shared/csv/registry-roles';
import { importAgentsWording } from '../../../../shared/attendance/rule-wording';
import type { QuorumRule, VoteRule } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';

const MAX_LINES = 12;

/**
 * Before an import is confirmed: who will count as an agent (titular, suplente or delegate
 * with a vote — what a quorum by organisations counts), who will not and why, and each value
 * of the role column with its lines. A value the reader does not recognise ("Presidente")
 * waits for the operator's choice, made here once for the whole file. Worded from the workshop's
 * vote and quorum rules: under one vote per person the role does not decide who votes.
 */
export function ImportRoles({
  preview,
  choices,
  onChoose,
  voteRule,
  quorum,
}: {
  preview: RegistryPreview;
  voteRule: VoteRule;
  quorum: QuorumRule;
  choices: ReadonlyMap<string, RoleChoice>;
  onChoose: (key: string, choice: RoleChoice | null) => void;
}) {
  const { t } = useI18n();
  const a = preview.agents;
  const w = importAgentsWording(voteRule, quorum);
  const lines = (ls: number[]) =>
    ls.length > MAX_LINES
      ? `${ls.slice(0, MAX_LINES).join(', ')} … (+${ls.length - MAX_LINES})`
      : ls.join(', ');
  return (
    <div className="import-roles" data-testid="import-roles">
      <h4>{t('attendance.import.roles.heading')}</h4>
      <p data-testid="import-agents">
        <strong>
          {t('attendance.import.roles.agents', {
            agents: a.agents,
            withAgent: a.organizationsWithAgent,
            organizations: a.organizations,
          })}
        </strong>{' '}
        {t(w.vote)} {t(w.quorum, w.quorumParams)}
      </p>
      <p className="muted" data-testid="import-not-agents">
        {t(w.notAgents, a.notAgents)}
        {w.orgsWithout &&
          a.organizations > a.organizationsWithAgent &&
          ` ${t(w.orgsWithout, { n: a.organizations - a.organizationsWithAgent })}`}
      </p>
      {preview.rolesUnchosen > 0 && (
        <div className="banner warn" role="status" data-testid="import-roles-pending">
          {t('attendance.import.roles.choose', { n: preview.rolesUnchosen })}
        </div>
      )}
      {preview.roles.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>{t('attendance.import.roles.value')}</th>
              <th className="num">{t('attendance.import.roles.people')}</th>
              <th>{t('attendance.import.roles.lines')}</th>
              <th>{t('attendance.import.roles.becomes')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.roles.map((v) => (
              <tr key={v.key} className={v.read === null && !v.chosen ? 'needs-choice' : ''}>
                <td>«{v.value}»</td>
                <td className="num">{v.lines.length}</td>
                <td>{lines(v.lines)}</td>
                <td>
                  {v.read !== null ? (
                    <>
                      {t(`attendance.import.roles.choice.${v.read}`)}{' '}
                      <span className="muted small">{t('attendance.import.roles.recognised')}</span>
                    </>
                  ) : (
                    <select
                      aria-label={t('attendance.import.roles.chooseFor', { value: v.value })}
                      data-testid={`role-choice-${v.key}`}
                      value={choices.get(v.key) ?? ''}
                      onChange={(e) => {
                        const c = ROLE_CHOICES.find((x) => x === e.target.value);
                        onChoose(v.key, c ?? null);
                      }}
                    >
                      <option value="">{t('attendance.import.roles.unchosen')}</option>
                      {ROLE_CHOICES.map((c) => (
                        <option key={c} value={c}>
                          {t(`attendance.import.roles.choice.${c}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
