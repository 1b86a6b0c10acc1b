import { useState } from 'react';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { formatDate } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { Tabs } from '../../kit';
import { useRegistry } from '../../useRegistry';
import { ConvocationTab } from './ConvocationTab';
import { DoorDayBanner } from './DoorDayBanner';
import { DoorScreen } from './DoorScreen';
import { PrintTab } from './PrintTab';
import { RegistryTab } from './RegistryTab';
import { SummaryTab } from './SummaryTab';

const TABS = ['door', 'registry', 'convocation', 'summary', 'print'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
  /** Open Setup (the door's warning when its day is not today's). */
  onOpenSetup?: () => void;
}

export function AttendanceScreen({ workshop, onChain, onOpenSetup }: Props) {
  const { t, errorText } = useI18n();
  const registry = useRegistry(workshop.workshopId, onChain);
  const [tab, setTab] = useState<Tab>('door');
  const all = workshop.setup.venues;
  const kitVenueId = workshop.kitVenueId ?? null;
  // A kit's door is its venue's only (the core refuses another venue there too).
  const venues = kitVenueId ? all.filter((v) => v.id === kitVenueId) : all;
  const [venueId, setVenueId] = useState(venues[0]?.id ?? '');
  const venue = venues.find((v) => v.id === venueId) ?? venues[0];
  const [day, setDay] = useState(venue?.date ?? '');

  if (!venue) {
    return (
      <section>
        <h1>{t('attendance.heading')}</h1>
        <div className="banner warn">{t('attendance.needVenue')}</div>
      </section>
    );
  }
  return (
    <section className="attendance">
      <div className="screen-head">
        <h1>{t('attendance.heading')}</h1>
        <div className="venue-picker">
          <label>
            {t('attendance.venue')}
            {kitVenueId ? (
              <input
                name="venue"
                type="text"
                value={venue.name}
                readOnly
                aria-readonly="true"
                title={t('attendance.venueOfKit')}
              />
            ) : (
              <select
                name="venue"
                value={venue.id}
                onChange={(e) => {
                  const v = venues.find((x) => x.id === e.target.value);
                  setVenueId(e.target.value);
                  if (v) setDay(v.date);
                }}
              >
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name} — {formatDate(v.date)}
                  </option>
                ))}
              </select>
            )}
          </label>
          <label>
            {t('attendance.day')}
            <input
              name="day"
              type="text"
              value={formatDate(day)}
              readOnly
              aria-readonly="true"
              className="narrow"
            />
          </label>
          <button
            type="button"
            className="link"
            onClick={() => setDay(addDay(day))}
            title={t('attendance.nextDayHint')}
          >
            {t('attendance.nextDay')}
          </button>
        </div>
      </div>
      <Tabs tabs={TABS} selected={tab} onSelect={setTab} label={(x) => t(`attendance.tab.${x}`)} />
      {registry.error !== null && (
        <div className="banner error" role="alert">
          {errorText(registry.error)}
        </div>
      )}
      {tab === 'door' && kitVenueId && (
        <p className="muted small" data-testid="kit-venue-only">
          {t('attendance.venueOfKit')}
        </p>
      )}
      {tab === 'door' && !workshop.sealed && <DoorDayBanner day={day} onOpenSetup={onOpenSetup} />}
      {tab === 'door' && (
        <DoorScreen
          workshopId={workshop.workshopId}
          setup={workshop.setup}
          registry={registry}
          venueId={venue.id}
          day={day}
          readOnly={workshop.sealed}
          onOpenRegistry={() => setTab('registry')}
        />
      )}
      {tab === 'registry' && (
        <RegistryTab
          workshopId={workshop.workshopId}
          registry={registry}
          readOnly={workshop.sealed}
          rules={workshop.setup}
        />
      )}
      {tab === 'convocation' && (
        <ConvocationTab
          workshopId={workshop.workshopId}
          setup={workshop.setup}
          registry={registry}
          readOnly={workshop.sealed}
        />
      )}
      {tab === 'summary' && <SummaryTab setup={workshop.setup} registry={registry} />}
      {tab === 'print' && <PrintTab workshopId={workshop.workshopId} setup={workshop.setup} />}
    </section>
  );
}

function addDay(iso: string): string {
  // Calendar arithmetic on a day (no instant, no zone): the next day's yyyy-mm-dd.
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}`;
}
