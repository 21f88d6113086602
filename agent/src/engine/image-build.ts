import type { Readable } from "node:stream";
import {
  BerthError,
  type BuildOptions,
  type ImageBuildResult,
  type Progress,
  type RegistryAuth,
} from "@/lib/protocol";
import type { CommandContext, CommandHandler } from "./command-types";
import { DockerignoreFilter } from "./dockerignore-filter";
import { toWireError } from "./engine-errors";
import { followEngineProgress, pullMessageToProgress } from "./pull-image";
import { ProgressThrottle } from "./progress-throttle";

/** Build output is sent in batches at most this often (a step's lines arrive together). */
const OUTPUT_BATCH_MS = 100;
const STEP = /^Step \d+\/\d+ :/m;
const CACHE_HIT = /^ ---> Using cache$/m;

/** Collects the build's text output and passes it on in small batches, in order. */
class OutputBatcher {
  private text = "";
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (progress: Progress) => void) {}

  push(text: string): void {
    this.text += text;
    this.timer ??= setTimeout(() => this.flush(), OUTPUT_BATCH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.text) return;
    this.emit({ phase: "build", status: this.text });
    this.text = "";
  }
}

/**
 * `docker build` on the engine (the Engine API's build endpoint, classic builder): the context
 * tar comes from the server as an upload; each line of output goes out as "build" progress.
 */
export const imageBuild: CommandHandler<"image.build"> = async (params, ctx) => {
  if (!ctx.takeUpload) throw new BerthError("INTERNAL", "This agent cannot receive uploads.");
  return buildFromContext(ctx.takeUpload(params.uploadId), params.options, params.auths, ctx);
};

/**
 * Builds an image from a context tar (filtered by its .dockerignore), passing the output on as
 * "build" progress through `ctx.emitProgress`; cancelled through `ctx.signal`.
 */
export async function buildFromContext(
  upload: Readable,
  options: BuildOptions,
  auths: RegistryAuth[],
  ctx: CommandContext,
): Promise<ImageBuildResult> {
  const { docker, socketPath, signal } = ctx;
  const context = new DockerignoreFilter(options.dockerfile);
  // a context the filter refuses stops the build with the filter's words
  let contextError: Error | null = null;
  const stop = new AbortController();
  upload.on("error", (err) => context.destroy(err));
  context.on("error", (err) => {
    contextError ??= err;
    stop.abort();
  });
  upload.pipe(context);
  const output = ctx.emitProgress ? new OutputBatcher(ctx.emitProgress) : null;
  const pulls = ctx.emitProgress ? new ProgressThrottle(ctx.emitProgress) : null;
  const registryconfig: Record<string, { username?: string; password?: string }> = {};
  for (const auth of auths) {
    registryconfig[auth.serveraddress] = { username: auth.username, password: auth.password };
  }
  const buildOptions: Record<string, unknown> = {
    t: options.tags,
    dockerfile: options.dockerfile,
    buildargs: options.buildArgs,
    labels: options.labels,
    nocache: options.noCache,
    pull: options.pull,
    rm: true,
    forcerm: true,
    abortSignal: signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
  };
  if (options.target) buildOptions.target = options.target;
  if (auths.length > 0) buildOptions.registryconfig = registryconfig;
  let imageId: string | null = null;
  let steps = 0;
  let cachedSteps = 0;
  let streamError: string | null;
  try {
    const stream = (await docker.buildImage(
      context as unknown as NodeJS.ReadableStream,
      buildOptions,
    )) as NodeJS.ReadableStream;
    streamError = await followEngineProgress(docker, stream, (m) => {
      const aux = m.aux as { ID?: unknown } | undefined;
      if (typeof aux?.ID === "string") imageId = aux.ID;
      if (typeof m.stream === "string") {
        if (STEP.test(m.stream)) steps += 1;
        if (CACHE_HIT.test(m.stream)) cachedSteps += 1;
        output?.push(m.stream);
        return;
      }
      const p = pullMessageToProgress(m);
      if (p) pulls?.push(p);
    });
  } catch (err) {
    if (signal?.aborted) throw new BerthError("CONFLICT", "Build cancelled.");
    if (contextError) throw contextError;
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    throw new BerthError("ENGINE_ERROR", `Build failed: ${wire.message}`);
  } finally {
    pulls?.flush();
    output?.flush();
    upload.destroy();
    context.destroy();
  }
  if (streamError !== null) throw new BerthError("ENGINE_ERROR", `Build failed: ${streamError}`);
  if (imageId === null) throw new BerthError("ENGINE_ERROR", "The engine built no image.");
  const inspect = (await docker.getImage(imageId).inspect()) as {
    Id: string;
    Size?: number;
    RepoTags?: string[] | null;
    RootFS?: { Layers?: string[] };
  };
  return {
    imageId: inspect.Id,
    tags: inspect.RepoTags ?? [],
    size: inspect.Size ?? 0,
    layers: inspect.RootFS?.Layers?.length ?? 0,
    cachedSteps,
    steps,
  };
}
