import { Transform } from "node:stream";
import { VOLUME_ROOT } from "../volumes/helper-container";
import { restoreInto } from "../volumes/restore-into";
import { createVolumeHelper } from "../volumes/volume-helper";
import type { CommandHandler } from "./command-types";
import { ProgressThrottle } from "./progress-throttle";

/**
 * A new volume with the same contents: the source's tar (read-only helper) is extracted into the
 * new volume's helper by the engine, as a restore is; progress in bytes. A failure removes the new
 * volume.
 */
export const volumeClone: CommandHandler<"volume.clone"> = async (params, ctx) => {
  const { source, target, helperImage, allowProtectedPaths } = params;
  const reader = await createVolumeHelper(
    ctx,
    { name: source, helperImage, allowProtectedPaths },
    { readOnly: true },
  );
  const throttle = ctx.emitProgress ? new ProgressThrottle(ctx.emitProgress) : null;
  try {
    const tar = await reader.getArchive(`${VOLUME_ROOT}/.`);
    let copied = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        copied += chunk.length;
        throttle?.push({ phase: "clone", status: "Copying", current: copied });
        done(null, chunk);
      },
    });
    tar.on("error", (err) => counted.destroy(err));
    const { name: _name, ...create } = target;
    return await restoreInto(
      ctx,
      { name: target.name, helperImage, allowProtectedPaths, create },
      tar.pipe(counted),
      "Cloning",
    );
  } finally {
    throttle?.flush();
    await reader.remove();
    ctx.volumesChanged?.();
  }
};
