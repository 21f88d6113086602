/** What a pasted docker run line did to the form: errors, flags not carried over, flags not needed. */
export function ParseReport({
  report,
}: {
  report: { unknownFlags: string[]; ignoredFlags: string[]; errors: string[] };
}) {
  const clean = report.errors.length === 0 && report.unknownFlags.length === 0;
  return (
    <div className="space-y-2 text-sm" data-testid="docker-run-report">
      {report.errors.length > 0 ? (
        <div
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800"
          data-testid="docker-run-errors"
        >
          <p className="font-medium">Fix these in the form:</p>
          <ul className="list-disc pl-5">
            {report.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.unknownFlags.length > 0 ? (
        <div
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
          data-testid="docker-run-unknown"
        >
          <p className="font-medium">Not carried over (Berth does not support these flags yet):</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {report.unknownFlags.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.ignoredFlags.length > 0 ? (
        <p className="text-xs text-slate-500" data-testid="docker-run-ignored">
          Not needed here: <span className="font-mono">{report.ignoredFlags.join(" ")}</span>
        </p>
      ) : null}
      {clean ? (
        <p className="text-emerald-700">The form now holds everything from the line.</p>
      ) : null}
    </div>
  );
}
