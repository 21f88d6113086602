import { BerthError, type ContainerSummary } from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { parseImageRef, type ImageRef } from "./image-ref";

const KEY = Symbol.for("berth.containerImageRefs");

/**
 * Container id → the reference it was made from. The engine lists a container's image as its
 * id once the tag moved to another image (after a pull), so those are read from inspect once
 * and remembered (in one map for both bundles of the process).
 */
function remembered(): Map<string, Map<string, string>> {
  const g = globalThis as { [KEY]?: Map<string, Map<string, string>> };
  g[KEY] ??= new Map();
  return g[KEY];
}

/** The reference of a container as the live list or the last check knew it; null for none. */
export function knownImageRefOf(
  hostId: string,
  container: Pick<ContainerSummary, "id" | "image">,
): ImageRef | null {
  const fromList = parseImageRef(container.image);
  if (fromList) return fromList;
  const ref = remembered().get(hostId)?.get(container.id);
  return ref ? parseImageRef(ref) : null;
}

/** The reference each container was made from, asking the agent where the list shows an id. */
export async function imageRefsOf(
  hostId: string,
  containers: ContainerSummary[],
): Promise<Map<string, ImageRef>> {
  const out = new Map<string, ImageRef>();
  const before = remembered().get(hostId);
  const memo = new Map<string, string>();
  for (const container of containers) {
    const known = before?.get(container.id);
    if (known) memo.set(container.id, known);
    let ref = knownImageRefOf(hostId, container);
    if (!ref) {
      const inspect = await inspectIfThere(hostId, container.id);
      if (!inspect) continue;
      const image = (inspect.Config as { Image?: unknown } | undefined)?.Image;
      if (typeof image === "string") {
        memo.set(container.id, image);
        ref = parseImageRef(image);
      }
    }
    if (ref) out.set(container.id, ref);
  }
  // only the host's current containers are remembered
  remembered().set(hostId, memo);
  return out;
}

/** A container's inspect; null when it went away since the live list showed it (replaced, removed). */
async function inspectIfThere(hostId: string, id: string): Promise<Record<string, unknown> | null> {
  try {
    return (await getAgentHub().call(hostId, "container.inspect", { id })).inspect;
  } catch (err) {
    if (err instanceof BerthError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
