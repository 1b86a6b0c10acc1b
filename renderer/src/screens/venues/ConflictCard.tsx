// One conflict between venues: its sides side by side (never one silently preferred), and
// the settle form (which side stands, and why; the reason is required and goes in the Acta).
import { useId, useState } from 'react';
import type { ConflictView } from '../../../../shared/channels/venues';
import { formatDate, formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { Field } from '../../kit';

type Side = ConflictView['sides'][number];

/** A side of a ballot round's conflict (venues-ballot-facts.ts). */
interface BallotSide {
  ballots: number;
  joined: boolean;
  closed: boolean;
  /** Never closed: the voters it marked, their ballots left in its box (adv30b F4). */
  voters?: number;
  /** Never closed: the paper serials typed there by any typist, agreed or not (adv31 F1). */
  papers?: number;
  twice: string[];
  serials: string[];
}
const ballotSide = (w: unknown): w is BallotSide =>
  !!w && typeof w === 'object' && !Array.isArray(w) && 'ballots' in w && 'joined' in w;

const str = (o: unknown, k: string): string => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

export function ConflictCard({
  conflict: c,
  busy,
  readOnly,
  onSettle,
  here,
}: {
  conflict: ConflictView;
  busy: boolean;
  readOnly: boolean;
  /** What 'main' is called: on a venue laptop, the laptop itself. */
  here?: string;
  onSettle: (
    c: ConflictView,
    choice: string,
    note: string,
    readings?: Record<string, string>,
  ) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState('');
  /** A ballot round: per paper serial read otherwise, the laptop chosen as reading it right. */
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<'choice' | 'note' | null>(null);

  const venueOf = (source: string) => c.sides.find((s) => s.source === source)?.venue ?? source;
  // Two laptops at one venue (door and desk) are told apart by the kit code their slips print.
  const venueName = (source: string) => {
    if (source === 'main') return here ?? t('venues.pdf.main');
    const venue = venueOf(source);
    const twin = c.sides.some((s) => s.source !== source && s.venue === venue);
    return twin ? `${venue} · ${t('venues.slipPdf.kit')} ${source.slice(0, 8)}` : venue;
  };
  const what = (s: Side): string => {
    switch (c.kind) {
      case 'checkIn':
        return t('venues.side.checkIn', {
          venue: str(s.what, 'venue'),
          day: formatDate(str(s.what, 'day')),
        });
      case 'orgVote':
        return t('venues.side.orgVote', { person: str(s.what, 'person') });
      case 'proposalEdit':
        return t('venues.side.proposal', { title: str(s.what, 'title') || c.label });
      case 'roundCounts':
      case 'countRefused':
        if (ballotSide(s.what)) return ballotsText(s.what);
        if (c.kind === 'roundCounts' && s.source !== 'main')
          return t('venues.side.counts', { count: Array.isArray(s.what) ? s.what.length : 0 });
        return s.source === 'main'
          ? t('venues.side.countRefusedMain', {
              entitled: str(s.what, 'entitled'),
              state: t(`voting.state.${str(s.what, 'state')}`),
            })
          : t('venues.side.countRefused', {
              refused: str(s.what, 'refused'),
              max: str(s.what, 'max'),
            });
    }
  };
  // A ballot round's laptops are joined, not ruled between (venues-ballot-join.ts): each side
  // says how many ballots it holds, whether they are added, and what the join could not settle.
  const ballotsText = (w: BallotSide): string =>
    [
      !w.closed
        ? w.voters || w.papers || w.ballots
          ? t('venues.side.ballotsNotClosedVoters', {
              voters: w.voters ?? 0,
              papers: w.papers ?? w.ballots,
            })
          : t('venues.side.ballotsNotClosed')
        : t(
            // A side is kept as found: once settled, "not added yet" was then, not now.
            w.joined
              ? 'venues.side.ballotsJoined'
              : c.settled
                ? 'venues.side.ballotsWaitedThen'
                : 'venues.side.ballotsWaiting',
            {
              count: w.ballots,
            },
          ),
      w.twice.length ? t('venues.side.votedTwice', { names: w.twice.join('; ') }) : '',
      w.serials.length ? t('venues.side.serialsOtherwise', { serials: w.serials.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const ballots = c.kind === 'roundCounts' && c.sides.some((s) => ballotSide(s.what));
  // Only a paper serial read two ways is decided, each by the laptop chosen for it (adv30b F5);
  // otherwise a ruling moves nothing.
  const clashes = new Map<string, string[]>();
  for (const s of c.sides)
    if (ballotSide(s.what))
      for (const serial of s.what.serials)
        clashes.set(serial, [...new Set([...(clashes.get(serial) ?? []), s.source])]);
  const serials = [...clashes.keys()].sort();
  const readings = serials.length > 0;
  const legend = !ballots ? 'venues.settle.choice' : 'venues.settle.ballotsRecord';
  // One option per source: a side may appear twice (two events of the same laptop).
  const sources = [...new Set(c.sides.map((s) => s.source))];

  const submit = () => {
    if (busy) return;
    // The ruling names the laptop of its first serial; every serial has its own reading.
    const named = readings ? (picks[serials[0] ?? ''] ?? '') : choice;
    if (!named || serials.some((x) => !picks[x])) return setMissing('choice');
    if (!note.trim()) return setMissing('note');
    setMissing(null);
    const chosen = Object.fromEntries(serials.map((x) => [x, picks[x] ?? '']));
    void onSettle(c, named, note.trim(), readings ? chosen : undefined).then((ok) => {
      if (ok) setNote('');
    });
  };

  return (
    <article
      className={`conflict ${c.settled ? 'settled' : 'open'}`}
      data-testid="venues-conflict"
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`}>
        {t(ballots ? 'venues.kind.roundBallots' : `venues.kind.${c.kind}`)}: {c.label}
      </h3>
      <div className="conflict-sides">
        {c.sides.map((s, i) => (
          <div className="conflict-side" key={`${s.source}-${s.ref}-${i}`}>
            <strong>{venueName(s.source)}</strong>
            <span>{what(s)}</span>
            {s.at && (
              <span className="muted small">
                {t('venues.side.at', { at: formatDateTime(s.at) })}
              </span>
            )}
          </div>
        ))}
      </div>
      {ballots && !c.settled && (
        <p className="muted small" data-testid="venues-ballots-hint">
          {t('venues.settle.ballotsHint')}
        </p>
      )}
      {c.settled ? (
        <p className="banner ok" data-testid="venues-settled">
          {t(
            !ballots
              ? 'venues.pdf.settled'
              : c.settled.readings
                ? 'venues.settled.ballotsReadings'
                : readings
                  ? 'venues.settled.ballotsReading'
                  : 'venues.settled.ballotsRecord',
            {
              choice: venueName(c.settled.choice),
              readings: Object.entries(c.settled.readings ?? {})
                .map(([serial, kit]) =>
                  t('venues.settled.serialReading', { serial, laptop: venueName(kit) }),
                )
                .join('; '),
              note: c.settled.note,
              at: formatDateTime(c.settled.at),
            },
          )}
        </p>
      ) : readOnly ? (
        <p className="muted">{t('venues.pdf.open')}</p>
      ) : (
        <div className="conflict-settle">
          {readings ? (
            <div className="serial-readings" data-testid="venues-serial-readings">
              {serials.map((serial) => (
                <fieldset
                  key={serial}
                  className="radio-group"
                  data-testid="venues-serial-reading"
                  aria-describedby={`${id}-choice-error`}
                >
                  <legend>{t('venues.settle.serialReading', { serial })}</legend>
                  {(clashes.get(serial) ?? []).map((src) => (
                    <label key={src} className="radio">
                      <input
                        type="radio"
                        name={`${id}-serial-${serial}`}
                        value={src}
                        checked={picks[serial] === src}
                        onChange={() => {
                          const next = { ...picks, [serial]: src };
                          setPicks(next);
                          if (missing === 'choice' && serials.every((x) => next[x]))
                            setMissing(null);
                        }}
                      />{' '}
                      {venueName(src)}
                    </label>
                  ))}
                </fieldset>
              ))}
              {missing === 'choice' && (
                <span id={`${id}-choice-error`} className="field-error" role="alert">
                  {t('venues.error.readingNeeded')}
                </span>
              )}
            </div>
          ) : (
            <fieldset className="radio-group" aria-describedby={`${id}-choice-error`}>
              <legend>{t(legend)}</legend>
              {sources.map((src) => (
                <label key={src} className="radio">
                  <input
                    type="radio"
                    name={`${id}-choice`}
                    value={src}
                    checked={choice === src}
                    onChange={() => {
                      setChoice(src);
                      if (missing === 'choice') setMissing(null);
                    }}
                  />{' '}
                  {venueName(src)}
                </label>
              ))}
              {missing === 'choice' && (
                <span id={`${id}-choice-error`} className="field-error" role="alert">
                  {t('venues.error.badChoice')}
                </span>
              )}
            </fieldset>
          )}
          <Field
            label={t('venues.settle.note')}
            error={missing === 'note' ? t('venues.error.noteNeeded') : null}
          >
            <textarea
              rows={2}
              required
              data-testid="venues-settle-note"
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                // The error goes as soon as the reason is there, not at the next press.
                if (missing === 'note' && e.target.value.trim()) setMissing(null);
              }}
              // Keyboard first: Enter settles, Shift+Enter starts a new line.
              onKeyDown={(e) => {
                if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
                e.preventDefault();
                submit();
              }}
            />
          </Field>
          <div>
            <button
              type="button"
              className="primary"
              data-testid="venues-settle"
              disabled={busy}
              onClick={submit}
            >
              {t('venues.settle.submit')}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
