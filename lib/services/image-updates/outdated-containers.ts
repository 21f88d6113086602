const KEY = Symbol.for("berth.outdatedContainers");

/**
 * Per host, the containers the last check found on an older image than the registry's for their
 * tag: of several containers made from one reference, only those are marked (in one map for both
 * bundles of the process; another replica's list marks every container of the reference).
 */
function outdated(): Map<string, Set<string>> {
  const g = globalThis as { [KEY]?: Map<string, Set<string>> };
  g[KEY] ??= new Map();
  return g[KEY];
}

export function rememberOutdated(hostId: string, containerIds: Iterable<string>): void {
  outdated().set(hostId, new Set(containerIds));
}

/** The host's outdated containers as this process last checked them; undefined when it did not. */
export function outdatedContainersOf(hostId: string): ReadonlySet<string> | undefined {
  return outdated().get(hostId);
}
