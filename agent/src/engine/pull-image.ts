import type Docker from "dockerode";
import { BerthError, type Progress, type RegistryAuth } from "@/lib/protocol";
import { toWireError } from "./engine-errors";
import { ProgressThrottle } from "./progress-throttle";

/** X-Registry-Auth as dockerode sends it; undefined pulls anonymously. */
export function authConfig(auth: RegistryAuth | undefined): Record<string, string> | undefined {
  if (!auth) return undefined;
  const config: Record<string, string> = { serveraddress: auth.serveraddress };
  if (auth.username !== undefined) config.username = auth.username;
  if (auth.password !== undefined) config.password = auth.password;
  if (auth.identitytoken !== undefined) config.identitytoken = auth.identitytoken;
  return config;
}

interface PullMessage {
  status?: unknown;
  id?: unknown;
  progressDetail?: { current?: unknown; total?: unknown };
  error?: unknown;
  errorDetail?: { message?: unknown };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** One line of the engine's pull stream as a protocol Progress message. */
export function pullMessageToProgress(m: PullMessage): Progress | null {
  if (typeof m.status !== "string") return null;
  const p: Progress = { phase: "pull", status: m.status };
  if (typeof m.id === "string" && m.id) p.id = m.id;
  const current = num(m.progressDetail?.current);
  const total = num(m.progressDetail?.total);
  if (current !== undefined) p.current = current;
  if (total !== undefined) p.total = total;
  return p;
}

/** containerd's spellings of an architecture (and its variant) the way images record them. */
const ARCH_ALIASES: Record<string, [string, string?]> = {
  x86_64: ["amd64"],
  "x86-64": ["amd64"],
  aarch64: ["arm64"],
  armhf: ["arm", "v7"],
  armel: ["arm", "v6"],
  i386: ["386"],
};

/** `os[/arch[/variant]]` with the architecture's usual aliases resolved. */
function normalPlatform(platform: string): { os: string; arch?: string; variant?: string } {
  const [os = "", arch, variant] = platform.toLowerCase().split("/");
  if (arch === undefined) return { os };
  const [canonical, aliasVariant] = ARCH_ALIASES[arch] ?? [arch];
  const v = variant ?? aliasVariant;
  // arm64 images leave their (only) variant v8 out.
  return { os, arch: canonical, variant: canonical === "arm64" && v === "v8" ? undefined : v };
}

/** True when an image's Os/Architecture/Variant is what `platform` (os[/arch[/variant]]) asks. */
export function imageMatchesPlatform(
  image: { Os?: unknown; Architecture?: unknown; Variant?: unknown },
  platform: string,
): boolean {
  const want = normalPlatform(platform);
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const have = normalPlatform(
    [text(image.Os), text(image.Architecture), text(image.Variant)].filter(Boolean).join("/"),
  );
  if (want.os !== have.os) return false;
  if (want.arch !== undefined && want.arch !== have.arch) return false;
  return want.variant === undefined || want.variant === have.variant;
}

/**
 * True when the engine has the image (name or id) locally, and when a platform is named, for
 * that platform (another platform's image under the same name counts as missing, as for the CLI).
 */
export async function hasImage(docker: Docker, image: string, platform?: string): Promise<boolean> {
  try {
    const inspect = (await docker.getImage(image).inspect()) as {
      Os?: unknown;
      Architecture?: unknown;
      Variant?: unknown;
    };
    return platform === undefined || imageMatchesPlatform(inspect, platform);
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return false;
    throw err;
  }
}

/** One line of the engine's push stream as a protocol Progress message. */
export function pushMessageToProgress(m: PullMessage): Progress | null {
  const p = pullMessageToProgress(m);
  return p ? { ...p, phase: "push" } : null;
}

/**
 * Follows a pull or push stream to its end, passing each message on. Resolves with the engine's
 * error message when the stream reported one (the HTTP status was 200 all the same), else null.
 */
export async function followEngineProgress(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onMessage: (m: PullMessage & Record<string, unknown>) => void,
): Promise<string | null> {
  let streamError: string | null = null;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (m: PullMessage & Record<string, unknown>) => {
        if (m.error !== undefined || m.errorDetail !== undefined) {
          const detail = m.errorDetail?.message;
          streamError ??=
            typeof detail === "string" && detail
              ? detail
              : typeof m.error === "string"
                ? m.error
                : "the engine reported an error";
          return;
        }
        onMessage(m);
      },
    );
  });
  return streamError;
}

/**
 * Pulls an image (for one platform when named), reporting progress (throttled to 10 messages/s
 * per layer). A failed pull throws NOT_FOUND "No such image: <image> (pull failed: <engine's
 * words>)".
 */
export async function pullImage(
  docker: Docker,
  image: string,
  socketPath: string,
  onProgress?: (p: Progress) => void,
  platform?: string,
  auth?: RegistryAuth,
): Promise<void> {
  const throttle = onProgress ? new ProgressThrottle(onProgress) : null;
  const failed = (message: string) =>
    new BerthError("NOT_FOUND", `No such image: ${image} (pull failed: ${message})`);
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(image, {
      ...(platform && { platform }),
      ...(auth && { authconfig: authConfig(auth) }),
    })) as NodeJS.ReadableStream;
  } catch (err) {
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    throw failed(wire.message);
  }
  let streamError: string | null;
  try {
    streamError = await followEngineProgress(docker, stream, (m) => {
      const p = pullMessageToProgress(m);
      if (p) throttle?.push(p);
    });
  } catch (err) {
    throw failed(err instanceof Error ? err.message : String(err));
  } finally {
    throttle?.flush();
  }
  if (streamError !== null) throw failed(streamError);
}
