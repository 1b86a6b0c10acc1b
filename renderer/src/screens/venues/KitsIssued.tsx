// The kits prepared in this workshop, one entry each with its venue, role and kit code: a venue's
// door and desk kits prepared in the same minute read as two different entries.
import type { VenuesOverview } from '../../../../shared/channels/venues';
import { formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';

export function KitsIssued({ kits }: { kits: VenuesOverview['kits'] }) {
  const { t } = useI18n();
  if (kits.length === 0) return null;
  return (
    <p className="hint" data-testid="venues-kits-issued">
      {t('venues.kit.issued', {
        list: kits
          .map((k) =>
            t('venues.kit.issuedOne', {
              venue: k.venue,
              role: t(`venues.devices.role.${k.role}`),
              kit: k.kitCode,
              at: formatDateTime(k.createdAt),
            }),
          )
          .join('; '),
      })}
    </p>
  );
}
