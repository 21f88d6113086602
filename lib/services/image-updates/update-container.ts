import {
  BerthError,
  ContainerRefSchema,
  ContainerUpdateInputSchema,
  EngineInfoSchema,
  RunSpecSchema,
  splitImageName,
  type ContainerUpdateResult,
  type Progress,
} from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { specFromInspect, type ImageDefaults } from "@/lib/containers/spec-from-inspect";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { requireRunPermissions } from "@/lib/services/containers/require-run-permissions";
import { resolveRegistryAuth } from "@/lib/services/registries/resolve-registry-auth";
import { checkHostImages } from "./check-host-images";
import { parseImageRef } from "./image-ref";

const PULL_TIMEOUT_MS = 60 * 60_000;
/** The recreate's own work (create, start, settle) on top of the wait for healthy. */
const RECREATE_MARGIN_MS = 5 * 60_000;
/** After an update the host's checks are run again with the registry answer just cached. */
const RECHECK_MAX_AGE_MS = 10 * 60_000;

export type UpdateOptions = {
  onProgress?: (progress: Progress) => void;
  clientAddress?: string;
};

type Inspect = {
  Id?: string;
  Name?: string;
  Image?: string;
  Config?: { Image?: string };
};

/** How long the recheck after an update waits for the live list to show the swap. */
const LIST_SETTLE_MS = 5_000;

/**
 * Checks the host again once the live list shows the new container instead of the old one (the
 * engine's events arrive after the command's answer), so the marks follow the update.
 */
async function recheckAfterSwap(hostId: string, oldId: string, newId: string): Promise<void> {
  const containers = getAgentHub().containers;
  const end = Date.now() + LIST_SETTLE_MS;
  const swapped = () => {
    const ids = new Set(containers.list(hostId).map((c) => c.id));
    return ids.has(newId) && !ids.has(oldId);
  };
  while (!swapped() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  await checkHostImages(hostId, RECHECK_MAX_AGE_MS);
}

const shortId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

/** Why the agent refused the new container, without its own "the old one was kept". */
const reasonOf = (err: unknown) =>
  (err instanceof Error ? err.message : String(err))
    .replace(/\s*The old container was kept\.?$/, "")
    .replace(/\.$/, "");

/**
 * Pulls the container's tag and, when it names another image, recreates the container from it
 * with the same configuration (name, networks, volumes, labels), waiting for it to run (and be
 * healthy when it has a healthcheck). When the new one fails, the old container keeps running
 * and the tag is pointed back at its image, so the tag again names the image that works.
 * Acts with `user`'s role on the host (image.pull, container.create and the security policy).
 */
export async function runContainerUpdate(
  user: SessionUser,
  hostId: string,
  containerId: string,
  input: unknown,
  options: UpdateOptions = {},
): Promise<ContainerUpdateResult> {
  const id = ContainerRefSchema.parse(containerId);
  const { healthTimeoutSeconds } = ContainerUpdateInputSchema.parse(input ?? {});
  await requireHostPermission(user, hostId, "image.pull");
  const hub = getAgentHub();
  const step = (status: string) => options.onProgress?.({ phase: "update", status });

  const inspect = (await hub.call(hostId, "container.inspect", { id })).inspect as Inspect;
  const image = inspect.Config?.Image ?? "";
  const previousImageId = inspect.Image ?? "";
  const containerIdNow = inspect.Id ?? id;
  const name = (inspect.Name ?? "").replace(/^\//, "");
  const ref = parseImageRef(image);
  if (!ref) {
    throw new BerthError(
      "BAD_REQUEST",
      `${name} was made from an image id, not a name: there is no tag to update.`,
    );
  }
  if (ref.pinnedDigest) {
    throw new BerthError(
      "BAD_REQUEST",
      `${name} is pinned to a digest (${image}): change the image to update it.`,
    );
  }
  const imageInspect = await hub
    .call(hostId, "image.inspect", { id: previousImageId })
    .then((r) => (r.inspect.Config ?? {}) as ImageDefaults)
    .catch(() => undefined);
  const host = await db.host.findUnique({ where: { id: hostId }, select: { engineInfo: true } });
  const engine = EngineInfoSchema.safeParse(host?.engineInfo);
  const spec = RunSpecSchema.parse(
    specFromInspect(inspect, {
      keepName: true,
      ...(imageInspect ? { image: imageInspect } : {}),
      ...(engine.success
        ? { engine: { cgroupVersion: engine.data.cgroupVersion, hostname: engine.data.hostname } }
        : {}),
    }),
  );
  const checked = await requireRunPermissions(user, hostId, spec);

  step(`pulling ${image}`);
  const { repository, tag } = splitImageName(image);
  const { auth } = await resolveRegistryAuth(user, repository);
  const pulled = await hub.call(
    hostId,
    "image.pull",
    { image: `${repository}:${tag}`, auth },
    { timeoutMs: PULL_TIMEOUT_MS, onProgress: options.onProgress },
  );
  const result = { containerId: containerIdNow, name, previousImageId, imageId: pulled.id };
  if (pulled.id === previousImageId) {
    step("up to date");
    return {
      ...result,
      outcome: "up_to_date",
      message: `${name} already runs the newest ${image} (${shortId(pulled.id)}).`,
    };
  }

  step(`recreating ${name}`);
  const waitHealthyMs = healthTimeoutSeconds * 1000;
  try {
    const created = await hub.call(
      hostId,
      "container.recreate",
      {
        id: containerIdNow,
        spec: checked.spec,
        allowProtectedPaths: checked.allowProtectedPaths,
        waitHealthyMs,
      },
      { timeoutMs: waitHealthyMs + RECREATE_MARGIN_MS, onProgress: options.onProgress },
    );
    step("updated");
    void recheckAfterSwap(hostId, containerIdNow, created.id).catch(() => undefined);
    return {
      ...result,
      containerId: created.id,
      outcome: "updated",
      message: `${name} now runs ${image} (${shortId(previousImageId)} → ${shortId(pulled.id)}).`,
    };
  } catch (err) {
    // the agent kept the old container; the tag goes back to the image that works
    const retagged = await hub
      .call(hostId, "image.tag", { id: previousImageId, repository, tag })
      .then(
        () => true,
        () => false,
      );
    const newOneFailed = err instanceof BerthError && err.external && err.code === "ENGINE_ERROR";
    if (!retagged || !newOneFailed) throw err;
    step("rolled back");
    void checkHostImages(hostId, RECHECK_MAX_AGE_MS).catch(() => undefined);
    return {
      ...result,
      containerId: containerIdNow,
      outcome: "rolled_back",
      message: `${reasonOf(err)}. The update was rolled back: ${name} keeps running ${image} (${shortId(previousImageId)}), and ${image} names that image again.`,
    };
  }
}

/** Update for a user: audited `container.update` with the outcome and both image ids. */
export async function updateContainer(
  user: SessionUser,
  hostId: string,
  containerId: string,
  input: unknown,
  options: UpdateOptions = {},
): Promise<ContainerUpdateResult> {
  const audit = {
    actor: user,
    action: "container.update",
    hostId,
    target: containerId,
    clientAddress: options.clientAddress,
  };
  try {
    const result = await runContainerUpdate(user, hostId, containerId, input, options);
    await recordAudit({
      ...audit,
      target: result.name,
      params: auditParams(result),
      outcome: "SUCCESS",
    });
    return result;
  } catch (err) {
    const denied =
      err instanceof BerthError &&
      !err.external &&
      (err.code === "FORBIDDEN" || err.code === "NOT_FOUND");
    await recordAudit({
      ...audit,
      outcome: denied ? "DENIED" : "FAILURE",
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

/** What the audit row keeps of an update. */
export function auditParams(result: ContainerUpdateResult): Prisma.InputJsonObject {
  return {
    outcome: result.outcome,
    previousImageId: result.previousImageId,
    imageId: result.imageId,
    message: result.message,
  };
}
