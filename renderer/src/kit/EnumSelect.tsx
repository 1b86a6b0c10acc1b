import type { AriaAttributes } from 'react';
import { useI18n } from '../i18n';

/**
 * A <select> over a zod enum of `shared/` (the same list the core validates against), each
 * option translated as `${prefix}.${value}`. `only` keeps a subset, in the order given.
 * `empty` adds a first option with no value ("choose…"): the value may then be '' until a
 * choice is made. Inside a Field it takes the field's aria-describedby and aria-invalid.
 */
export function EnumSelect<V extends string>({
  schema,
  prefix,
  value,
  onChange,
  only,
  empty,
  name,
  disabled,
  ...aria
}: {
  /** A zod enum (`Sex`, `ParticipantRole`…): only its `options` are read. */
  schema: { readonly options: readonly V[] };
  prefix: string;
  value: V | '';
  onChange: (value: V) => void;
  only?: readonly V[];
  empty?: string;
  name?: string;
  disabled?: boolean;
} & Pick<AriaAttributes, 'aria-describedby' | 'aria-invalid' | 'aria-required'>) {
  const { t } = useI18n();
  const options: readonly V[] = only ?? schema.options;
  return (
    <select
      name={name}
      value={value}
      disabled={disabled}
      {...aria}
      onChange={(e) => {
        const v = options.find((o) => o === e.target.value);
        if (v !== undefined) onChange(v);
      }}
    >
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${prefix}.${o}`)}
        </option>
      ))}
    </select>
  );
}
