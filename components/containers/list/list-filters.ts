export const SORT_KEYS = ["name", "host", "image", "state", "created", "cpu", "memory"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export type ListFilters = {
  host: string;
  state: string;
  q: string;
  image: string;
  label: string;
  sort: SortKey;
  dir: SortDir;
};

export const DEFAULT_FILTERS: ListFilters = {
  host: "",
  state: "",
  q: "",
  image: "",
  label: "",
  sort: "name",
  dir: "asc",
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, key: string): string {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === "string" ? one.slice(0, 200) : "";
}

/** The list's view from the page URL, so a link reproduces it. */
export function filtersFromParams(params: Params): ListFilters {
  const sort = get(params, "sort");
  const dir = get(params, "dir");
  return {
    host: get(params, "host"),
    state: get(params, "state"),
    q: get(params, "q"),
    image: get(params, "image"),
    label: get(params, "label"),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "name",
    dir: dir === "desc" ? "desc" : "asc",
  };
}

/** Only what differs from the defaults, in a stable order. */
export function filtersToParams(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["host", "state", "q", "image", "label"] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (filters.sort !== DEFAULT_FILTERS.sort || filters.dir !== DEFAULT_FILTERS.dir) {
    params.set("sort", filters.sort);
    params.set("dir", filters.dir);
  }
  return params;
}

export function hasFilters(filters: ListFilters): boolean {
  return Boolean(filters.host || filters.state || filters.q || filters.image || filters.label);
}
