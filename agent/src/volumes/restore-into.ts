import type { Readable } from "node:stream";
import { BerthError, type VolumeCreate, type VolumeRestoreResult } from "@/lib/protocol";
import { toWireError } from "../engine/engine-errors";
import { describeError, log } from "../log";
import { createCheckedVolume } from "./create-volume";
import { VOLUME_ROOT, type HelperContainer } from "./helper-container";
import { TarFormatError, TarScanner } from "./tar";
import { BackupTarCheck } from "./tar-streams";
import { createVolumeHelper, type HelperParams, type VolumeContext } from "./volume-helper";
import { inspectVolume, volumeUsers } from "./volume-summary";

export interface RestoreTarget extends HelperParams {
  /** Create the volume first (it must not exist); null: it exists and must be empty. */
  create: Omit<VolumeCreate, "name"> | null;
}

/** What the processes of a restore need: set the root's owner, mode and time, or empty it again. */
const RESTORE_CAPS = ["CHOWN", "FOWNER", "DAC_OVERRIDE"];

/** True when the volume holds nothing (its tar has the root entry alone). */
async function isEmpty(helper: HelperContainer): Promise<boolean> {
  const tar = await helper.getArchive(`${VOLUME_ROOT}/.`);
  let headers = 0;
  const scanner = new TarScanner({ header: () => void (headers += 1) });
  try {
    for await (const chunk of tar as AsyncIterable<Buffer>) {
      scanner.write(chunk);
      if (headers > 1) return false;
      if (scanner.ended) break;
    }
    return true;
  } finally {
    tar.destroy();
  }
}

async function refuseBusy(ctx: VolumeContext, name: string): Promise<void> {
  await inspectVolume(ctx.docker, name);
  const running = ((await volumeUsers(ctx.docker)).get(name) ?? []).filter((u) => u.running);
  if (running.length > 0) {
    const one = running.length === 1;
    throw new BerthError(
      "CONFLICT",
      `The volume ${name} is in use by the running ${one ? "container" : "containers"} ${running.map((u) => u.name).join(", ")}: stop ${one ? "it" : "them"} first, then restore into it.`,
    );
  }
}

/** zlib's words for a file that is no gzip stream, or a damaged or cut one. */
function gzipProblem(err: NodeJS.ErrnoException): string | null {
  if (!err.code?.startsWith("Z_")) return null;
  if (err.code === "Z_BUF_ERROR" || /unexpected end/i.test(err.message)) {
    return "the file ends before the backup does (it was cut short)";
  }
  return /header/i.test(err.message)
    ? "it is not gzip-compressed"
    : `its compressed data is damaged (${err.message})`;
}

/** Why an extraction failed, in words: the file itself, or the engine (a full disk, ...). */
function failure(err: unknown, ctx: VolumeContext): { code: BerthError["code"]; why: string } {
  const notBackup =
    err instanceof TarFormatError ? err.message : gzipProblem(err as NodeJS.ErrnoException);
  if (notBackup) {
    return { code: "BAD_REQUEST", why: `this is not a volume backup (.tar.gz): ${notBackup}` };
  }
  if (err instanceof BerthError) return { code: err.code, why: err.message };
  const wire = toWireError(err, ctx.socketPath);
  return { code: wire.code === "INTERNAL" ? "ENGINE_ERROR" : wire.code, why: wire.message };
}

/**
 * Extracts a volume's tar into a new or an empty volume (the engine extracts it, as root, keeping
 * owners, modes and symlinks; the root folder's owner and mode are set after). The tar is checked
 * as it passes. When anything fails once extraction began, the volume is emptied again (or the new
 * one removed), so a failed restore leaves no half of a backup behind.
 */
export async function restoreInto(
  ctx: VolumeContext,
  target: RestoreTarget,
  tar: Readable,
  verb = "Restoring",
): Promise<VolumeRestoreResult> {
  // the source may fail (not gzip, upload cut) while the volume is being prepared
  let sourceError: Error | null = null;
  const check = new BackupTarCheck();
  check.on("error", () => undefined);
  tar.on("error", (err) => {
    sourceError ??= err;
    check.destroy(err);
  });
  if (target.create) {
    await createCheckedVolume(ctx, {
      ...target.create,
      name: target.name,
      allowProtectedPaths: target.allowProtectedPaths,
    });
  } else {
    await refuseBusy(ctx, target.name);
  }
  let helper: HelperContainer | null = null;
  let extracting = false;
  try {
    helper = await createVolumeHelper(ctx, target, { readOnly: false, capAdd: RESTORE_CAPS });
    if (!target.create && !(await isEmpty(helper))) {
      throw new BerthError(
        "CONFLICT",
        `The volume ${target.name} is not empty: restore into an empty volume or a new one.`,
      );
    }
    extracting = true;
    if (sourceError) throw sourceError;
    await helper.putArchive(VOLUME_ROOT, tar.pipe(check));
    if (check.root) {
      const { uid, gid, mode, mtime } = check.root;
      await helper.start();
      await helper.exec(["chown", `${uid}:${gid}`, VOLUME_ROOT]);
      await helper.exec(["chmod", mode.toString(8), VOLUME_ROOT]);
      await helper.exec(["touch", "-d", `@${mtime}`, VOLUME_ROOT]);
    }
    return { name: target.name, bytes: check.bytes, entries: check.entries };
  } catch (err) {
    tar.destroy();
    const { code, why } = failure(err, ctx);
    if (!extracting && !target.create)
      throw err instanceof BerthError ? err : new BerthError(code, why);
    const undone = await undo(ctx, target, helper);
    helper = null;
    throw new BerthError(code, `${verb} failed: ${why.replace(/\.$/, "")}. ${undone}`);
  } finally {
    await helper?.remove();
  }
}

/** Leaves the volume as it was before: the new one removed, an existing one emptied again. */
async function undo(
  ctx: VolumeContext,
  target: RestoreTarget,
  helper: HelperContainer | null,
): Promise<string> {
  try {
    if (target.create) {
      await helper?.remove();
      await ctx.docker.getVolume(target.name).remove();
      return `The new volume ${target.name} was removed.`;
    }
    if (!helper) return `The volume ${target.name} was left as it was.`;
    await helper.start().catch(() => undefined);
    await helper.exec([
      "find",
      VOLUME_ROOT,
      "-mindepth",
      "1",
      "-maxdepth",
      "1",
      "-exec",
      "rm",
      "-rf",
      "{}",
      "+",
    ]);
    await helper.remove();
    return `The volume ${target.name} was emptied again.`;
  } catch (err) {
    log.warn(`undoing a failed restore of ${target.name}: ${describeError(err)}`);
    await helper?.remove();
    return `Berth could not clean up after it (${describeError(err)}): check the volume ${target.name}.`;
  }
}
