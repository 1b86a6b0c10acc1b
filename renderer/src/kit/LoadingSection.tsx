import { useI18n } from '../i18n';

/** A screen whose data has not arrived: its heading, and either "loading" or what went wrong. */
export function LoadingSection({ heading, error }: { heading: string; error: unknown }) {
  const { t, errorText } = useI18n();
  return (
    <section>
      <h1>{heading}</h1>
      {error !== null ? (
        <div className="banner error" role="alert">
          {errorText(error)}
        </div>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </section>
  );
}
