import { cloneElement, useId, type AriaAttributes, type ReactElement } from 'react';

type Described = Pick<AriaAttributes, 'aria-describedby' | 'aria-invalid'>;

/**
 * A labelled input with its error message beside it: the input is wrapped by its label and
 * points at the message with aria-describedby, so a screen reader reads both together.
 */
export function Field({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
  children: ReactElement<Described>;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [children.props['aria-describedby'], hint ? hintId : null, error ? errorId : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <label className={className}>
      {label}
      {cloneElement(children, {
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : children.props['aria-invalid'],
      })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
