import { ContainerStateSchema } from "@/lib/protocol";
import { hasFilters, type ListFilters } from "./list-filters";

/** Host and state pickers, and the name, image and label searches. */
export function FilterBar({
  form,
  setForm,
  hostOptions,
}: {
  form: ListFilters;
  setForm: (update: (form: ListFilters) => ListFilters) => void;
  hostOptions: { id: string; name: string; online: boolean }[];
}) {
  return (
    <div
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      data-testid="container-filters"
    >
      <FilterSelect
        id="filter-host"
        label="Host"
        value={form.host}
        onChange={(host) => setForm((f) => ({ ...f, host }))}
        options={[
          { value: "", label: "All hosts" },
          ...hostOptions.map((h) => ({
            value: h.id,
            label: h.online ? h.name : `${h.name} (offline)`,
          })),
        ]}
      />
      <FilterSelect
        id="filter-state"
        label="State"
        value={form.state}
        onChange={(state) => setForm((f) => ({ ...f, state }))}
        options={[
          { value: "", label: "Any state" },
          ...ContainerStateSchema.options.map((s) => ({ value: s, label: s })),
        ]}
      />
      <FilterInput
        id="filter-q"
        label="Name"
        placeholder="web"
        value={form.q}
        onChange={(q) => setForm((f) => ({ ...f, q }))}
      />
      <FilterInput
        id="filter-image"
        label="Image"
        placeholder="nginx"
        value={form.image}
        onChange={(image) => setForm((f) => ({ ...f, image }))}
      />
      <FilterInput
        id="filter-label"
        label="Label"
        placeholder="key or key=value"
        value={form.label}
        onChange={(label) => setForm((f) => ({ ...f, label }))}
      />
      {hasFilters(form) ? (
        <button
          type="button"
          className="pb-2 text-sm text-sky-700 hover:underline"
          onClick={() =>
            setForm((f) => ({ ...f, host: "", state: "", q: "", image: "", label: "" }))
          }
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-sky-500"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterInput({
  id,
  label,
  value,
  onChange,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className="block w-40 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-sky-500"
      />
    </div>
  );
}
