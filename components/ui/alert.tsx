export function ErrorMessage({ children }: { children: React.ReactNode }) {
  return (
    <div
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="error"
    >
      {children}
    </div>
  );
}

/** What an action achieved, shown where the user acted. */
export function SuccessMessage({
  children,
  testId,
}: {
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid={testId}>
      {children}
    </p>
  );
}
