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

/** Shown over live figures while the /ui socket is down; socket.io reconnects by itself. */
export function LinkLostNotice() {
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
      Live link to the server lost; reconnecting…
    </p>
  );
}
