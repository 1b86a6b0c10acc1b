// How the person at the door signs the list: signature, thumbprint, or a ruego with its
// witness. Alt+1/2/3 choose (the door's key handler), the keys are written beside each.
import type { RefObject } from 'react';
import type { SignMethod } from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';

export const SIGN_METHODS = ['signature', 'thumbprint', 'ruego'] as const;

interface Props {
  method: SignMethod;
  onMethod: (m: SignMethod) => void;
  witness: string;
  onWitness: (w: string) => void;
  witnessRef: RefObject<HTMLInputElement | null>;
}

export function DoorSignMethods({ method, onMethod, witness, onWitness, witnessRef }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="sign-methods">
      <legend>{t('attendance.door.signHow')}</legend>
      {SIGN_METHODS.map((m, i) => (
        <label key={m} className="radio">
          <input
            type="radio"
            name="signMethod"
            value={m}
            checked={method === m}
            onChange={() => onMethod(m)}
          />
          {t(`attendance.sign.${m}`)} <kbd>Alt+{i + 1}</kbd>
        </label>
      ))}
      {method === 'ruego' && (
        <label className="witness">
          {t('attendance.door.witness')}
          <input
            ref={witnessRef}
            name="witness"
            value={witness}
            onChange={(e) => onWitness(e.target.value)}
          />
        </label>
      )}
    </fieldset>
  );
}
