import { createHash } from "node:crypto";
import path from "node:path";
import type { RunSpecInput } from "@/lib/protocol";
import type { ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { resolveStackPath, type StackFiles } from "./stack-files";

type Path = (string | number)[];
type Mounts = Pick<RunSpecInput, "volumes" | "binds" | "tmpfs">;

export interface MountContext {
  project: string;
  serviceName: string;
  /** Absolute folder the stack's files are written to on the host (stack paths start there). */
  workingDir: string;
  stack: StackFiles;
  /** Volume key → engine name. */
  volumeNames: Record<string, string>;
}

/**
 * A service's `volumes` and `tmpfs` as the run spec's named volumes, binds and tmpfs mounts.
 * Relative bind sources are files of the stack, so they resolve under the working folder and may
 * not climb out of it; absolute ones stay as written for the host's policy to judge.
 */
export function compileMounts(service: ComposeService, context: MountContext): Mounts {
  const mounts: Required<Mounts> = { volumes: [], binds: [], tmpfs: [] };
  const path = ["services", context.serviceName, "volumes"];
  service.volumes.forEach((mount, index) => {
    const at = [...path, index];
    if (mount.type === "tmpfs") {
      mounts.tmpfs.push({
        target: mount.target,
        ...(mount.tmpfsSize !== undefined && { options: `size=${mount.tmpfsSize}` }),
      });
    } else if (mount.type === "bind") {
      mounts.binds.push({
        source: bindSource(mount.source ?? "", context, at),
        target: mount.target,
        readOnly: mount.readOnly,
      });
    } else if (mount.source) {
      const name = context.volumeNames[mount.source];
      if (!name) throw new ComposeFieldError(at, `undefined volume ${mount.source}`);
      mounts.volumes.push({ name, target: mount.target, readOnly: mount.readOnly });
    } else {
      mounts.volumes.push({
        name: anonymousVolumeName(context, mount.target),
        target: mount.target,
        readOnly: mount.readOnly,
      });
    }
  });
  for (const entry of tmpfsEntries(service.tmpfs, ["services", context.serviceName, "tmpfs"])) {
    mounts.tmpfs.push(entry);
  }
  return mounts;
}

/**
 * The run spec has no anonymous volumes, so one gets a stable name per service and target: like
 * compose's anonymous volumes, it survives a recreate with its data.
 */
function anonymousVolumeName(context: MountContext, target: string): string {
  const digest = createHash("sha256").update(target).digest("hex").slice(0, 12);
  return `${context.project}_${context.serviceName}_${digest}`;
}

function bindSource(source: string, context: MountContext, at: Path): string {
  if (source.startsWith("/")) return source;
  const resolved = resolveStackPath(context.stack, source);
  if ("error" in resolved) throw new ComposeFieldError(at, `bind source ${resolved.error}`);
  return resolved.path === "."
    ? context.workingDir
    : path.posix.join(context.workingDir, resolved.path);
}

/** `tmpfs: /run` or `tmpfs: ["/run:size=64m"]`. */
function tmpfsEntries(value: unknown, at: Path): { target: string; options?: string }[] {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value.map(String) : [String(value)];
  return entries.map((entry, index) => {
    const colon = entry.indexOf(":");
    const target = colon < 0 ? entry : entry.slice(0, colon);
    if (!target.startsWith("/"))
      throw new ComposeFieldError(
        [...at, index],
        `tmpfs target ${target} must be an absolute path`,
      );
    return { target, ...(colon >= 0 && { options: entry.slice(colon + 1) }) };
  });
}
