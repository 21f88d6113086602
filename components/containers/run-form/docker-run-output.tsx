/** The form as a `docker run` line, shown after "Copy as docker run". */
export function DockerRunOutput({ line, onClose }: { line: string; onClose: () => void }) {
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>Copied to the clipboard (if the browser allowed it):</span>
        <button type="button" className="text-sky-700 hover:underline" onClick={onClose}>
          Close
        </button>
      </div>
      <pre
        className="overflow-x-auto whitespace-pre rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
        data-testid="docker-run-output"
      >
        {line}
      </pre>
    </div>
  );
}
