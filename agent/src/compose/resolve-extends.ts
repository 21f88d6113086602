import { ComposeFieldError } from "./compose-field-error";
import { mergeCompose } from "./merge-compose";

type Mapping = Record<string, unknown>;

/** Services of another file named by `extends.file`, already interpolated; undefined when absent. */
export type ServicesOfFile = (file: string) => Mapping | undefined;

/**
 * Resolves `extends` in one file's services: the base service (from this file or `extends.file`)
 * is resolved first, then the local service is merged over it with the same rules as override
 * files. Resources the base refers to are not imported, as in compose.
 */
export function resolveExtends(services: Mapping, servicesOfFile: ServicesOfFile): Mapping {
  const resolved: Mapping = {};
  for (const name of Object.keys(services)) {
    resolved[name] = resolveService(services, name, servicesOfFile, []);
  }
  return resolved;
}

function resolveService(
  services: Mapping,
  name: string,
  servicesOfFile: ServicesOfFile,
  chain: string[],
  file?: string,
): unknown {
  const service = services[name];
  const where = file ? `${file}:${name}` : name;
  if (chain.includes(where)) {
    throw new ComposeFieldError(
      ["services", name, "extends"],
      `circular extends: ${[...chain, where].join(" -> ")}`,
    );
  }
  if (!service || typeof service !== "object" || !("extends" in service)) return service;
  const { extends: reference, ...local } = service as Mapping;
  const base =
    typeof reference === "string" ? { service: reference } : (reference as Mapping | null);
  if (!base || typeof base.service !== "string") {
    throw new ComposeFieldError(["services", name, "extends"], "extends needs a service");
  }
  const baseFile = typeof base.file === "string" ? base.file : file;
  const baseServices = typeof base.file === "string" ? servicesOfFile(base.file) : services;
  if (!baseServices || !(base.service in baseServices)) {
    throw new ComposeFieldError(
      ["services", name, "extends"],
      `cannot extend service ${base.service}: not found${baseFile ? ` in ${baseFile}` : ""}`,
    );
  }
  const resolvedBase = resolveService(
    baseServices,
    base.service,
    servicesOfFile,
    [...chain, where],
    baseFile,
  );
  return mergeCompose(resolvedBase, local, ["services", name]);
}
