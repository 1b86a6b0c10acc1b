import type { ChainStatus, WorkshopState } from '../../../shared/schemas/workshop';
import { useCallback } from 'react';
import { useI18n } from '../i18n';
import { useSessionState } from '../useSessionState';
import { RecordScreen } from './RecordScreen';
import { AttendanceScreen } from './attendance/AttendanceScreen';
import { ProposalsScreen } from './proposals/ProposalsScreen';
import { VotingScreen } from './voting/VotingScreen';
import { ResultsScreen } from './results/ResultsScreen';
import { SetupScreen } from './workshop/SetupScreen';
import { MinutesScreen } from './minutes/MinutesScreen';
import { VerifyScreen } from './minutes/VerifyScreen';
import { FollowupScreen } from './followup/FollowupScreen';
import { VenuesScreen } from './venues/VenuesScreen';

/** The workshop's phases in the order the day runs; each feature fills its own section. */
const SECTIONS = [
  'setup',
  'followup',
  'attendance',
  'proposals',
  'voting',
  'results',
  'venues',
  'minutes',
  'verify',
  'record',
] as const;
type Section = (typeof SECTIONS)[number];
const READY: ReadonlySet<Section> = new Set([
  'setup',
  'followup',
  'attendance',
  'proposals',
  'voting',
  'results',
  'venues',
  'minutes',
  'verify',
  'record',
]);

interface Props {
  workshop: WorkshopState;
  onChange: (w: WorkshopState) => void;
  onClose: () => void;
}

export function WorkshopScreen({ workshop, onChange, onClose }: Props) {
  const { t } = useI18n();
  const [section, setSection] = useSessionState<Section>(
    `section.${workshop.workshopId}`,
    'setup',
    (v): v is Section => (SECTIONS as readonly string[]).includes(v),
  );
  const onChain = useCallback(
    (chain: ChainStatus) => onChange({ ...workshop, chain }),
    [onChange, workshop],
  );
  return (
    <div className="workshop">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <button
                type="button"
                data-section={s}
                aria-current={s === section ? 'page' : undefined}
                className={s === section ? 'active' : ''}
                disabled={!READY.has(s)}
                title={READY.has(s) ? undefined : t('nav.comingLater')}
                onClick={() => setSection(s)}
              >
                {t(s === 'followup' || s === 'venues' ? `${s}.nav` : `nav.${s}`)}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="link close" onClick={onClose}>
          {t('nav.close')}
        </button>
      </nav>
      <main className="content">
        {section === 'setup' && <SetupScreen workshop={workshop} onSaved={onChange} />}
        {section === 'followup' && <FollowupScreen workshop={workshop} onChain={onChain} />}
        {section === 'attendance' && (
          <AttendanceScreen
            workshop={workshop}
            onChain={onChain}
            onOpenSetup={() => setSection('setup')}
          />
        )}
        {section === 'proposals' && <ProposalsScreen workshop={workshop} onChain={onChain} />}
        {section === 'voting' && <VotingScreen workshop={workshop} onChain={onChain} />}
        {section === 'results' && <ResultsScreen workshop={workshop} onChain={onChain} />}
        {section === 'venues' && <VenuesScreen workshop={workshop} onChain={onChain} />}
        {section === 'minutes' && <MinutesScreen workshop={workshop} onChange={onChange} />}
        {section === 'verify' && <VerifyScreen />}
        {section === 'record' && <RecordScreen workshop={workshop} onReplace={onChange} />}
      </main>
    </div>
  );
}
