// The kiosk's first step: the facilitator finds the next voter among those who have not voted
// (the door's search), or reads why someone by that name is not on the list.
import { useEffect, useMemo, useRef, useState } from 'react';
import { indexForSearch, isClose, rankSearch } from '../../../../shared/attendance/search';
import type { KioskVoter, NotListedPerson, RoundDetail } from '../../../../shared/schemas/voting';
import { voteRuleKey } from '../../../../shared/voting/eligibility';
import type { Params } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';

interface Props {
  detail: RoundDetail;
  votedCount: number;
  notListed: () => Promise<NotListedPerson[]>;
  error: string | null;
  fail: (key: string, params?: Params) => void;
  clearError: () => void;
  onPick: (voter: KioskVoter) => void;
}

const byName = (v: { participantId: string; dni: string; name: string; organization: string }) => ({
  id: v.participantId,
  dni: v.dni,
  name: [v.name],
  texts: [v.organization],
});

export function KioskPick({
  detail,
  votedCount,
  notListed,
  error,
  fail,
  clearError,
  onPick,
}: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  /** The operator moved the selection themselves (↑↓): Enter may then take a close second. */
  const [picked, setPicked] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => searchRef.current?.focus(), []);

  // The same search as the door: name in any order, partial words, DNI, accents off,
  // Quechua spelling variants below what was typed exactly.
  const open = useMemo(() => detail.voters.filter((v) => !v.voted), [detail.voters]);
  const index = useMemo(() => indexForSearch(open.map(byName)), [open]);
  const hits = useMemo(() => rankSearch(index, query, 8), [index, query]);
  // Nobody waiting matches: say why the people by that name are not listed (voted already,
  // accreditation pending, voice only, not checked in…), never how anyone voted. Read once a
  // search first finds nobody, and again after each vote (the list changes then).
  const [others, setOthers] = useState<NotListedPerson[]>([]);
  /** The ballot count the list was read at (it changes with each vote). */
  const othersFor = useRef<number | null>(null);
  const missed = query.trim() !== '' && hits.length === 0;
  useEffect(() => {
    if (!missed || othersFor.current === detail.ballots) return;
    othersFor.current = detail.ballots;
    notListed().then(setOthers, () => {
      othersFor.current = null;
    });
  }, [missed, detail.ballots, notListed]);
  const othersIndex = useMemo(() => indexForSearch(others.map(byName)), [others]);
  const byId = useMemo(() => new Map(open.map((v) => [v.participantId, v])), [open]);
  const waiting = query.trim() ? hits.flatMap((h) => byId.get(h.id) ?? []) : open;
  // With nothing typed every waiting voter is as close as the next: Enter needs a choice.
  const close = query.trim() ? isClose(hits) : open.length > 1;
  const why = useMemo(() => {
    if (!query.trim() || hits.length > 0) return [];
    const byOther = new Map(others.map((v) => [v.participantId, v]));
    return rankSearch(othersIndex, query, 3).flatMap((h) => byOther.get(h.id) ?? []);
  }, [query, hits.length, othersIndex, others]);
  const shown = waiting.slice(0, 8);

  return (
    <div className="kiosk-body">
      <h2>{t('voting.kiosk.who')}</h2>
      <input
        ref={searchRef}
        className="kiosk-search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCursor(0);
          setPicked(false);
          clearError();
        }}
        placeholder={t('voting.kiosk.searchPlaceholder')}
        aria-label={t('voting.kiosk.who')}
        aria-controls="kiosk-voters"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setPicked(true);
            setCursor((c) =>
              e.key === 'ArrowDown'
                ? Math.min(c + 1, Math.max(shown.length - 1, 0))
                : Math.max(c - 1, 0),
            );
            return;
          }
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const voter = shown[cursor];
          if (!voter) return;
          if (close && !picked) {
            const [a, b] = shown;
            fail('voting.kiosk.closeChoice', { a: a?.name ?? '', b: b?.name ?? '' });
            return;
          }
          onPick(voter);
        }}
      />
      {error && (
        <p className="kiosk-error" role="alert">
          {error}
        </p>
      )}
      {waiting.length === 0 && why.length === 0 && (
        <p className="kiosk-note" data-testid="kiosk-no-match">
          {votedCount >= detail.entitled && !query.trim()
            ? t('voting.kiosk.allVoted')
            : t('voting.kiosk.noMatch')}
        </p>
      )}
      {why.length > 0 && (
        <ul className="kiosk-why" data-testid="kiosk-why">
          {why.map((v) => (
            <li key={v.participantId}>
              {t(`voting.kiosk.notListed.${v.reason}`, { name: v.name, org: v.organization })}
            </li>
          ))}
        </ul>
      )}
      <ul className="kiosk-voters" id="kiosk-voters">
        {shown.map((v, i) => (
          <li
            key={v.participantId}
            className={`${i === cursor ? 'selected' : ''}${close && i < 2 && query.trim() ? ' close' : ''}`}
          >
            <button type="button" aria-current={i === cursor} onClick={() => onPick(v)}>
              <span className="kiosk-name">{v.name}</span>
              <span className="kiosk-org">
                {v.organization} · {t(`voting.basis.${v.basis}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="kiosk-note">
        {t('voting.kiosk.pickHint', { rule: t(voteRuleKey(detail.voteRule)) })}
      </p>
    </div>
  );
}
