import type { Duplex, Readable } from "node:stream";
import type Docker from "dockerode";
import { BerthError, HELPER_LABEL } from "@/lib/protocol";
import { describeError, log } from "../log";
import { hasImage, pullImage } from "../engine/pull-image";
import { toWireError } from "../engine/engine-errors";
import { getArchive, putArchive, statArchivePath, type PathStat } from "./engine-archive";

/** Where a helper mounts the volume it works on. */
export const VOLUME_ROOT = "/v";

/** A helper whose agent died mid-operation stops by itself after this long. */
const LIFETIME_SECONDS = 6 * 3600;
/** An exec's output beyond this is refused (a folder listing is far smaller). */
const MAX_EXEC_OUTPUT = 32 * 1024 * 1024;

/** Helper containers alive right now: the engine events they cause are not the user's. */
const live = new Set<string>();
export const isHelperContainer = (id: string) => live.has(id);

export interface HelperSpec {
  image: string;
  volume: string;
  readOnly: boolean;
  /** Capabilities the helper's processes need (none when only the Engine API touches files). */
  capAdd?: string[];
}

export interface HelperContext {
  docker: Docker;
  socketPath: string;
}

/**
 * The image a helper runs: pulled when missing; when it cannot be had, the user is told what to
 * put on the host.
 */
async function ensureHelperImage(ctx: HelperContext, image: string): Promise<void> {
  if (await hasImage(ctx.docker, image)) return;
  try {
    await pullImage(ctx.docker, image, ctx.socketPath);
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    throw new BerthError(
      "ENGINE_ERROR",
      `The volume browser needs the image ${image} on this host: pull or load it. (${err.message})`,
    );
  }
}

/**
 * A short-lived container that mounts one volume (read-only unless writing) so the agent can
 * reach its files whatever the volume's driver: no network, no capabilities beyond what the
 * operation needs, a read-only root filesystem, labelled as Berth's, and always removed.
 * Files move through the Engine API's archive endpoints where they can; processes run only
 * for what those cannot do (listing a folder), always as argument lists, never through a shell.
 */
export class HelperContainer {
  private removed = false;

  private constructor(
    private readonly ctx: HelperContext,
    readonly id: string,
  ) {}

  static async create(ctx: HelperContext, spec: HelperSpec): Promise<HelperContainer> {
    await ensureHelperImage(ctx, spec.image);
    const mount = {
      Type: "volume",
      Source: spec.volume,
      Target: VOLUME_ROOT,
      ReadOnly: spec.readOnly,
      // an empty volume is not filled from the helper image
      VolumeOptions: { NoCopy: true },
    };
    let container: Docker.Container;
    try {
      container = await ctx.docker.createContainer({
        Image: spec.image,
        Entrypoint: ["sleep"],
        Cmd: [String(LIFETIME_SECONDS)],
        User: "0:0",
        WorkingDir: "/",
        Labels: { [HELPER_LABEL]: "volume", [`${HELPER_LABEL}.volume`]: spec.volume },
        NetworkDisabled: true,
        HostConfig: {
          NetworkMode: "none",
          CapDrop: ["ALL"],
          CapAdd: spec.capAdd ?? [],
          ReadonlyRootfs: true,
          SecurityOpt: ["no-new-privileges"],
          LogConfig: { Type: "none", Config: {} },
          Mounts: [mount],
        },
      } as unknown as Docker.ContainerCreateOptions);
    } catch (err) {
      const wire = toWireError(err, ctx.socketPath);
      if (wire.code === "ENGINE_UNAVAILABLE") throw err;
      throw new BerthError(
        wire.code === "NOT_FOUND" ? "NOT_FOUND" : "ENGINE_ERROR",
        `The engine could not mount the volume ${spec.volume} in a helper container: ${wire.message}`,
      );
    }
    live.add(container.id);
    return new HelperContainer(ctx, container.id);
  }

  /** Needed only before exec. */
  async start(): Promise<void> {
    await this.ctx.docker.getContainer(this.id).start();
  }

  stat(path: string): Promise<PathStat | null> {
    return statArchivePath(this.ctx.socketPath, this.id, path);
  }

  getArchive(path: string): Promise<Readable> {
    return getArchive(this.ctx.socketPath, this.id, path);
  }

  putArchive(path: string, tar: Readable): Promise<void> {
    return putArchive(this.ctx.socketPath, this.id, path, tar);
  }

  /** Runs argv in the started helper; stdout is returned, a non-zero exit fails with stderr. */
  async exec(argv: string[]): Promise<Buffer> {
    const exec = await this.ctx.docker.getContainer(this.id).exec({
      Cmd: argv,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Duplex;
    const { stdout, stderr } = await demux(stream);
    const { ExitCode } = (await exec.inspect()) as { ExitCode: number | null };
    if (ExitCode !== 0) {
      throw new BerthError(
        "ENGINE_ERROR",
        `${argv[0]} failed in the helper container: ${stderr.trim() || `exit code ${ExitCode}`}`,
      );
    }
    return stdout;
  }

  /** Removes the helper (and whatever it was doing); never throws. */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    try {
      await this.ctx.docker.getContainer(this.id).remove({ force: true, v: false });
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode !== 404) {
        log.warn(`helper container ${this.id.slice(0, 12)} not removed: ${describeError(err)}`);
      }
    }
    // its unmount events may still be on their way
    setTimeout(() => live.delete(this.id), 10_000).unref();
  }
}

/** Splits a non-TTY exec stream (8-byte frame headers) into stdout and stderr. */
function demux(stream: Duplex): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let pending: Buffer = Buffer.alloc(0);
    stream.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (pending.length < 8 + size) break;
        const frame = pending.subarray(8, 8 + size);
        if (pending[0] === 2) {
          if (err.length < 64) err.push(Buffer.from(frame));
        } else {
          outBytes += frame.length;
          if (outBytes > MAX_EXEC_OUTPUT) {
            stream.destroy();
            reject(new BerthError("ENGINE_ERROR", "The helper's answer is too large."));
            return;
          }
          out.push(Buffer.from(frame));
        }
        pending = pending.subarray(8 + size);
      }
    });
    const done = () =>
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") });
    stream.on("error", reject);
    stream.on("end", done);
    stream.on("close", done);
  });
}

/** On start: helpers an earlier run of the agent left behind (it stopped mid-operation). */
export async function removeLeftoverHelpers(docker: Docker): Promise<void> {
  try {
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`${HELPER_LABEL}=volume`] },
    });
    for (const c of left) {
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch((err: unknown) => log.warn(`leftover helper not removed: ${describeError(err)}`));
    }
    if (left.length > 0) log.info(`removed ${left.length} leftover helper container(s)`);
  } catch (err) {
    log.warn(`could not look for leftover helper containers: ${describeError(err)}`);
  }
}
