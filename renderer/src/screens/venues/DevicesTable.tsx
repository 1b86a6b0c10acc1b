// The devices that contributed to this workshop (issue 20): venue, key, chain head, events and
// how the head was vouched for; on a venue laptop, the sibling laptops whose events it holds.
import type { DeviceView } from '../../../../shared/channels/venues';
import { useI18n } from '../../i18n';

export function DevicesTable({ devices, isKit }: { devices: DeviceView[]; isKit: boolean }) {
  const { t } = useI18n();
  const proofText = (p: DeviceView['proof']) =>
    p?.kind === 'slip'
      ? t('venues.pdf.proofSlip')
      : p?.kind === 'carried'
        ? t('venues.pdf.proofCarried', { by: p.by.slice(0, 8) })
        : t('venues.pdf.proofNone', { note: p?.note || '—' });
  return (
    <table className="data-table" data-testid="venues-devices">
      <thead>
        <tr>
          <th>{t('venues.pdf.col.venue')}</th>
          <th>{t('venues.devices.col.kit')}</th>
          <th>{t('venues.pdf.col.key')}</th>
          <th>{t('venues.pdf.col.head')}</th>
          <th className="num">{t('venues.pdf.col.events')}</th>
          <th>{t('venues.pdf.col.proof')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.kitId}>
            <td>{d.venue}</td>
            <td data-testid="venues-device-kit">
              {t(`venues.devices.role.${d.role}`)} · <span className="mono">{d.kitCode}</span>
            </td>
            <td className="mono">{d.keyFingerprint}</td>
            <td className="mono">{d.headFingerprint}</td>
            <td className="num">{d.events}</td>
            <td data-testid="venues-device-proof">
              {/* On a venue laptop each sibling came by exchange, not with a slip. */}
              {isKit ? t('venues.exchange.note') : proofText(d.proof)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
