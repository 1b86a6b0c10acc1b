import { useI18n } from '../i18n';

/**
 * A <select> over a zod enum of `shared/` (the same list the core validates against), each
 * option translated as `${prefix}.${value}`. `only` keeps a subset, in the order given.
 */
export function EnumSelect<V extends string>({
  schema,
  prefix,
  value,
  onChange,
  only,
  name,
  disabled,
}: {
  /** A zod enum (`Sex`, `ParticipantRole`…): only its `options` are read. */
  schema: { readonly options: readonly V[] };
  prefix: string;
  value: V;
  onChange: (value: V) => void;
  only?: readonly V[];
  name?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const options: readonly V[] = only ?? schema.options;
  return (
    <select
      name={name}
      value={value}
      disabled={disabled}
      onChange={(e) => {
        const v = options.find((o) => o === e.target.value);
        if (v !== undefined) onChange(v);
      }}
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${prefix}.${o}`)}
        </option>
      ))}
    </select>
  );
}
