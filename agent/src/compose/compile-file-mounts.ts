import path from "node:path";
import type { ComposeFileMount, ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import type { ComposeFileConfig } from "./normalize-resources";

type Mapping = Record<string, unknown>;

/**
 * A service's configs and secrets as files copied into each container before it starts: configs
 * at `/<name>` and secrets at `/run/secrets/<name>` unless a target says otherwise.
 */
export function compileFileMounts(
  name: string,
  service: ComposeService,
  configs: Record<string, ComposeFileConfig>,
  secrets: Record<string, ComposeFileConfig>,
): ComposeFileMount[] {
  const mounts: ComposeFileMount[] = [];
  for (const [kind, section, defined] of [
    ["config", "configs", configs],
    ["secret", "secrets", secrets],
  ] as const) {
    const entries = Array.isArray(service[section]) ? (service[section] as unknown[]) : [];
    entries.forEach((entry, index) => {
      const long = (typeof entry === "string" ? { source: entry } : entry) as Mapping;
      const source = String(long.source);
      const config = defined[source];
      if (!config)
        throw new ComposeFieldError(
          ["services", name, section, index],
          `undefined ${kind} ${source}`,
        );
      const base = kind === "secret" ? "/run/secrets" : "/";
      const target = typeof long.target === "string" ? long.target : source;
      mounts.push({
        kind,
        name: source,
        target: target.startsWith("/") ? target : path.posix.join(base, target),
        content: config.content,
        ...(typeof long.mode === "number" && { mode: long.mode }),
        ...(long.uid !== undefined && { uid: String(long.uid) }),
        ...(long.gid !== undefined && { gid: String(long.gid) }),
      });
    });
  }
  return mounts;
}
