/** What went wrong, announced to screen readers; nothing when there is no error. */
export function ErrorBanner({
  error,
  testId,
}: {
  error: string | null | undefined;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert" data-testid={testId}>
      {error}
    </div>
  );
}
