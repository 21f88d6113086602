import type { ProtectedPaths } from "../policy/protected-paths";
import { refuseProtectedVolume } from "../policy/refuse-protected-volume";
import { HelperContainer, type HelperContext } from "./helper-container";
import { inspectVolume } from "./volume-summary";

export interface VolumeContext extends HelperContext {
  protectedPaths?: ProtectedPaths;
}

export interface HelperParams {
  name: string;
  helperImage: string;
  allowProtectedPaths: boolean;
}

export interface HelperMode {
  readOnly: boolean;
  /** Capabilities the helper's processes need (none when only the Engine API touches files). */
  capAdd?: string[];
}

/** Checks the volume is there and may be mounted (the agent's protected paths), then makes its helper. */
export async function createVolumeHelper(
  ctx: VolumeContext,
  params: HelperParams,
  mode: HelperMode,
): Promise<HelperContainer> {
  await inspectVolume(ctx.docker, params.name);
  await refuseProtectedVolume(ctx, params.name, params.allowProtectedPaths);
  return HelperContainer.create(ctx, {
    image: params.helperImage,
    volume: params.name,
    readOnly: mode.readOnly,
    capAdd: mode.capAdd,
  });
}

/** As createVolumeHelper, running `work` with the helper and removing it whatever happens. */
export async function onVolume<T>(
  ctx: VolumeContext,
  params: HelperParams,
  mode: HelperMode,
  work: (helper: HelperContainer) => Promise<T>,
): Promise<T> {
  const helper = await createVolumeHelper(ctx, params, mode);
  try {
    return await work(helper);
  } finally {
    await helper.remove();
  }
}
