import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../shared/api';
import type { WorkshopState } from '../../shared/schemas/workshop';
import { LanguageToggle } from './components/LanguageToggle';
import { useI18n } from './i18n';
import { HomeScreen } from './screens/HomeScreen';
import { VerifyScreen } from './screens/minutes/VerifyScreen';
import { PlanScreen } from './screens/plan/PlanScreen';
import { WorkshopScreen } from './screens/WorkshopScreen';
import { invoke } from './transport';
import { setDisplayTimeZone } from '../../shared/format';
import { read, write } from './useSessionState';

export function App() {
  const { t, errorText } = useI18n();
  const [info, setInfo] = useState<Output<'app:info'> | null>(null);
  const [workshop, setOpen] = useState<WorkshopState | null>(null);
  // The open workshop's file is kept for this tab, so a reload (F5) reopens it where the person
  // was instead of throwing them back home (field test fac26). Only files in the data folder
  // reopen this way; anything else falls back to the home screen.
  const setWorkshop = useCallback((w: WorkshopState | null) => {
    write('workshop', w?.file ?? null);
    setOpen(w);
  }, []);
  // The failure is kept and worded when drawn: it follows a change of language.
  const [fatal, setFatal] = useState<{ cause: unknown } | null>(null);
  // Checking a PDF needs no workshop: officials and the committee come with a file only.
  const [verifying, setVerifying] = useState(false);
  // Comparing minutes with the final plan also needs no workshop (issue 7).
  const [comparing, setComparing] = useState(false);

  useEffect(() => {
    invoke('app:info', {})
      .then(async (i) => {
        const file = read('workshop');
        if (file)
          await invoke('workshop:open', { file })
            .then(setWorkshop)
            .catch(() => write('workshop', null));
        setInfo(i);
        document.body.dataset['ready'] = '1';
      })
      .catch((cause: unknown) => setFatal({ cause }));
  }, [setWorkshop]);

  const close = useCallback(() => {
    if (workshop)
      void invoke('workshop:close', { workshopId: workshop.workshopId }).catch(() => undefined);
    setWorkshop(null);
  }, [workshop, setWorkshop]);

  // Every date and time on screen is in the open workshop's zone (set before children render).
  setDisplayTimeZone(workshop?.setup.timeZone);

  return (
    <div className="app">
      {/* Keyboard users skip the top bar and the menu straight to the screen's content. */}
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          const main = document.querySelector('main');
          main?.setAttribute('tabindex', '-1');
          main?.focus();
        }}
      >
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <span>Minka</span>
        </div>
        {workshop && (
          <div className="topbar-workshop">
            <span className="topbar-title" title={workshop.setup.title}>
              {workshop.setup.municipality} · {workshop.setup.fiscalYear}
            </span>
            {/* Once sealed, the Acta's fingerprint (the one read aloud) comes first. */}
            {workshop.acta && (
              <span
                className="chain-badge acta-badge"
                data-testid="acta-fingerprint"
                title={t('chain.actaTooltip')}
              >
                <span className="chain-label">{t('chain.actaLabel')}</span>{' '}
                <code>{workshop.acta}</code>
              </span>
            )}
            <span
              className={`chain-badge${workshop.acta ? ' chain-after-seal' : ''}`}
              data-testid="chain-fingerprint"
              title={t(workshop.acta ? 'chain.tooltipSealed' : 'chain.tooltip', {
                length: workshop.chain.length,
              })}
            >
              <span className="chain-label">
                {t(workshop.acta ? 'chain.labelSealed' : 'chain.label')}
              </span>{' '}
              <code>{workshop.chain.fingerprint}</code>
            </span>
          </div>
        )}
        <LanguageToggle />
      </header>
      {fatal && (
        <div className="banner error" role="alert">
          {errorText(fatal.cause)}
        </div>
      )}
      {info && !workshop && comparing && (
        <main className="verify">
          <PlanScreen onBack={() => setComparing(false)} />
        </main>
      )}
      {info && !workshop && !comparing && verifying && (
        <main className="verify">
          <VerifyScreen onBack={() => setVerifying(false)} />
        </main>
      )}
      {info && !workshop && !verifying && !comparing && (
        <HomeScreen
          info={info}
          onOpen={setWorkshop}
          onVerify={() => setVerifying(true)}
          onCompare={() => setComparing(true)}
        />
      )}
      {info && workshop && (
        <WorkshopScreen workshop={workshop} onChange={setWorkshop} onClose={close} />
      )}
    </div>
  );
}
