import { useState } from 'react';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { CriteriaTab } from './CriteriaTab';
import { ProjectorView } from './ProjectorView';
import { ResultsTab } from './ResultsTab';
import './results.css';

const TABS = ['results', 'criteria'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
}

/** Prioritisation: the criteria matrix and scores, the results of closed rounds, and the projector. */
export function ResultsScreen({ workshop, onChain }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('results');
  const [projecting, setProjecting] = useState(false);
  // Shared by the Resultados tab and the projector, so the hall sees the round selected here.
  const [roundId, setRoundId] = useState<string | null>(null);
  return (
    <section className="results">
      <div className="screen-head">
        <h1>{t('results.heading')}</h1>
        <button
          type="button"
          className="primary"
          data-action="projector"
          onClick={() => setProjecting(true)}
        >
          {t('results.projector.open')}
        </button>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={x === tab}
            className={x === tab ? 'active' : ''}
            data-tab={x}
            onClick={() => setTab(x)}
          >
            {t(`results.tab.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'criteria' && (
        <CriteriaTab
          workshopId={workshop.workshopId}
          setup={workshop.setup}
          readOnly={workshop.sealed}
          onChain={onChain}
        />
      )}
      {tab === 'results' && (
        <ResultsTab workshopId={workshop.workshopId} roundId={roundId} onRound={setRoundId} />
      )}
      {projecting && (
        <ProjectorView
          workshopId={workshop.workshopId}
          initialRoundId={roundId}
          onClose={() => setProjecting(false)}
        />
      )}
    </section>
  );
}
