import { useId, useState } from 'react';
import { useI18n } from '../i18n';

interface Props {
  /** The button's text, in the app's language. */
  label: string;
  accept: string;
  onFile: (file: File) => void;
  testId?: string;
  name?: string;
  disabled?: boolean;
}

/**
 * A file chooser that speaks the app's language. The browser's own file input says "Choose
 * File / No file chosen" in the browser's language whatever Minka's is, so it is kept (it is
 * what opens the system dialog, and what tests feed files to) but visually hidden behind a
 * labelled button and the chosen file's name. Keyboard: Tab reaches the input, Enter or Space
 * opens the dialog, and the button shows the focus ring.
 */
export function FilePicker({ label, accept, onFile, testId, name, disabled }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <span className="file-pick">
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={accept}
        name={name}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          // Cleared at once, so choosing the same file again (after fixing it) reads it again.
          e.target.value = '';
          if (!f) return;
          setChosen(f.name);
          onFile(f);
        }}
      />
      <label htmlFor={id} className="button file-pick-button">
        {label}
      </label>
      <span className="file-chosen">{chosen ?? t('app.noFileChosen')}</span>
    </span>
  );
}
