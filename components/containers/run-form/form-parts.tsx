import type { ReactNode } from "react";
import { RowInput, SelectField } from "@/components/ui/controls";

/** A note beside something only host admins may do: amber when the user is one, red otherwise. */
export function HostAdminFlag({
  allowed,
  children,
  testId,
}: {
  allowed: boolean;
  children: ReactNode;
  testId: string;
}) {
  return (
    <p
      data-testid={testId}
      className={`rounded-md border px-3 py-1.5 text-xs ${allowed ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-800"}`}
    >
      {children} {allowed ? "You are a host admin here." : "Only host admins may do this."}
    </p>
  );
}

export function SectionError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="text-sm text-red-700">
      {error}
    </p>
  );
}

export function RowHeader({ columns, labels }: { columns: string; labels: string[] }) {
  return (
    <div className={`grid ${columns} gap-2 text-xs font-medium text-slate-500`} aria-hidden>
      {labels.map((l, i) => (
        <span key={i}>{l}</span>
      ))}
    </div>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-sm font-medium text-sky-700 hover:underline"
    >
      + {children}
    </button>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="h-8 rounded-md text-slate-400 hover:bg-slate-100 hover:text-red-700"
    >
      ×
    </button>
  );
}

export function ReadOnlyToggle({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="flex h-8 items-center gap-1.5 text-sm text-slate-700">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      read-only
    </label>
  );
}

const CONTAINER_PREFIX = "container:";

/**
 * A namespace mode as `docker run` takes it: one of `choices` ("" for the engine's default), or,
 * when `joinable`, `container:<name>` with the other container named in an input beside it.
 */
export function ModeSelect({
  id,
  label,
  value,
  choices,
  joinable = false,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  choices: ReadonlyArray<readonly [value: string, text: string]>;
  joinable?: boolean;
  error?: string;
  onChange: (value: string) => void;
}) {
  const joined = joinable && value.startsWith(CONTAINER_PREFIX);
  const kind = joined ? CONTAINER_PREFIX : value;
  const known = choices.some(([v]) => v === kind) || joined;
  return (
    <div className="space-y-1">
      <SelectField
        id={id}
        label={label}
        value={kind}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      >
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
        {joinable ? <option value={CONTAINER_PREFIX}>Another container’s</option> : null}
        {known ? null : <option value={value}>{value}</option>}
      </SelectField>
      {joined ? (
        <RowInput
          id={`${id}-container`}
          label={`${label}: container to join`}
          placeholder="Container name or id"
          value={value.slice(CONTAINER_PREFIX.length)}
          onChange={(e) => onChange(`${CONTAINER_PREFIX}${e.target.value}`)}
        />
      ) : null}
    </div>
  );
}
