import type Docker from "dockerode";
import { BerthError, type RunSpec } from "@/lib/protocol";
import { log } from "../log";
import type { CommandContext } from "./command-types";
import { toWireError } from "./engine-errors";
import { hasImage, pullImage } from "./pull-image";
import { runSpecToCreateBody } from "./run-spec-body";

export interface CreatedContainer {
  id: string;
  name: string;
  warnings: string[];
}

const statusOf = (err: unknown) => (err as { statusCode?: unknown } | null)?.statusCode;

/** Removes a container we made, ignoring "already gone" (auto-remove). Never throws. */
export async function removeQuietly(docker: Docker, id: string, socketPath: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true });
  } catch (err) {
    if (statusOf(err) === 404) return;
    // "removal already in progress" (auto-remove) is fine too
    const e = toWireError(err, socketPath);
    if (/already in progress/i.test(e.message)) return;
    log.warn(`could not remove container ${id.slice(0, 12)} after a failure: ${e.message}`);
  }
}

/** POST /containers/{id}/start; "already started" (304) counts as success. */
export async function startContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

/**
 * POST /containers/create through the modem: dockerode's createContainer drops `Warnings`.
 * `platform` (API 1.41) makes the engine check the image is for that platform.
 */
function createRaw(
  docker: Docker,
  body: object,
  query: { name?: string; platform?: string },
): Promise<{ Id: string; Warnings?: string[] | null }> {
  const _query: Record<string, string> = {};
  if (query.name) _query.name = query.name;
  if (query.platform) _query.platform = query.platform;
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: "/containers/create?",
        method: "POST",
        options: { _query, _body: body },
        statusCodes: {
          200: true,
          201: true,
          400: "bad parameter",
          404: "no such image",
          409: "conflict",
          500: "server error",
        },
      },
      (err: unknown, data: unknown) => {
        if (err) reject(err);
        else resolve(data as { Id: string; Warnings?: string[] | null });
      },
    );
  });
}

/**
 * Gets the image as the pull policy says: "always" pulls first, "missing" pulls only when the
 * host lacks it (for the platform asked), "never" fails when the host lacks it.
 */
async function ensureImage(
  spec: RunSpec,
  ctx: CommandContext,
  policy: RunSpec["pullPolicy"],
): Promise<void> {
  const { docker, socketPath } = ctx;
  const pull = () => pullImage(docker, spec.image, socketPath, ctx.emitProgress, spec.platform);
  if (policy === "always") return pull();
  if (await hasImage(docker, spec.image, spec.platform)) return;
  if (policy === "missing") return pull();
  throw new BerthError(
    "NOT_FOUND",
    `No such image on this host: ${spec.image}${spec.platform ? ` for ${spec.platform}` : ""}. The pull policy "never" does not pull it: pull the image first or choose another pull policy.`,
    "image",
  );
}

/**
 * Gets the image as the pull policy says (or pulls it anyway when `pull` is "always"), creates
 * the container, connects its further networks and (unless told otherwise) starts it. Whatever
 * fails after the create removes the container again: nothing half-made is left behind. The
 * error is the engine's.
 */
export async function createFromSpec(
  spec: RunSpec,
  ctx: CommandContext,
  opts: { name?: string; start?: boolean; pull?: "always" } = {},
): Promise<CreatedContainer> {
  const { docker, socketPath } = ctx;
  await ensureImage(spec, ctx, opts.pull ?? spec.pullPolicy);
  const { body, extraNetworks } = runSpecToCreateBody(spec, opts.name ?? spec.name);
  const { name: wanted, ...createBody } = body;
  const created = await createRaw(docker, createBody, { name: wanted, platform: spec.platform });
  const id = created.Id;
  const warnings = (created.Warnings ?? []).filter((w) => typeof w === "string" && w);
  try {
    for (const n of extraNetworks) {
      await docker.getNetwork(n.name).connect({ Container: id, EndpointConfig: n.endpoint });
    }
    if (opts.start ?? spec.start) await startContainer(docker, id);
  } catch (err) {
    await removeQuietly(docker, id, socketPath);
    throw err;
  }
  let name = wanted ?? "";
  if (!name) {
    try {
      const info = (await docker.getContainer(id).inspect()) as { Name?: string };
      name = (info.Name ?? "").replace(/^\//, "");
    } catch {
      name = id.slice(0, 12); // auto-removed already
    }
  }
  return { id, name, warnings };
}
