import { useEffect, useState } from 'react';
import { formatDate, localDay } from '../../../../shared/format';
import { useI18n } from '../../i18n';

/** Today's calendar day in the workshop's zone, by this computer's clock (re-read each minute). */
function useToday(): string {
  const [today, setToday] = useState(() => localDay(new Date().toISOString()));
  useEffect(() => {
    const timer = setInterval(() => setToday(localDay(new Date().toISOString())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/**
 * The door files every check-in under its day (the venue's saved date), not the day on the
 * clock (fac30 HIGH): a venue date typed wrong files the whole room under that wrong day, and
 * once the date is corrected the door, the rounds and the convocation no longer count them.
 * Said above the search, before anyone is checked in, whenever the two days differ.
 */
export function DoorDayBanner({ day, onOpenSetup }: { day: string; onOpenSetup?: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  if (!day || day === today) return null;
  return (
    <div className="banner warn door-day" role="alert" data-testid="door-day-off">
      <p>{t('attendance.door.dayOff', { day: formatDate(day), today: formatDate(today) })}</p>
      <p className="door-day-help">{t('attendance.door.dayOffHelp')}</p>
      {onOpenSetup && (
        <button type="button" data-testid="door-day-setup" onClick={onOpenSetup}>
          {t('attendance.door.dayOffSetup')}
        </button>
      )}
    </div>
  );
}
