import type Docker from "dockerode";
import type { RunSpec } from "@/lib/protocol";
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

/** POST /containers/create through the modem: dockerode's createContainer drops `Warnings`. */
function createRaw(
  docker: Docker,
  body: object,
  name: string | undefined,
): Promise<{ Id: string; Warnings?: string[] | null }> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: "/containers/create?",
        method: "POST",
        options: { _query: name ? { name } : {}, _body: body },
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
 * Pulls the image if it is missing, creates the container, connects its further networks and
 * (unless told otherwise) starts it. Whatever fails after the create removes the container
 * again: nothing half-made is left behind. The error is the engine's.
 */
export async function createFromSpec(
  spec: RunSpec,
  ctx: CommandContext,
  opts: { name?: string; start?: boolean } = {},
): Promise<CreatedContainer> {
  const { docker, socketPath } = ctx;
  if (!(await hasImage(docker, spec.image))) {
    await pullImage(docker, spec.image, socketPath, ctx.emitProgress);
  }
  const { body, extraNetworks } = runSpecToCreateBody(spec, opts.name ?? spec.name);
  const { name: wanted, ...createBody } = body;
  const created = await createRaw(docker, createBody, wanted);
  const id = created.Id;
  const warnings = (created.Warnings ?? []).filter((w) => typeof w === "string" && w);
  try {
    for (const n of extraNetworks) {
      await docker
        .getNetwork(n.name)
        .connect({ Container: id, EndpointConfig: { Aliases: n.aliases } });
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
