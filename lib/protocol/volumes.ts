import { z } from "zod";
import { VolumeNameSchema } from "./containers";
import { ImageRefSchema } from "./images";

/** Label on the agent's helper containers: hidden from lists, removed after use and on start. */
export const HELPER_LABEL = "berth.helper";

/** One row of the volume list, as the agent reports it. */
export const VolumeSummarySchema = z.object({
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  mountpoint: z.string(),
  /** Milliseconds since the epoch; null when the driver does not say. */
  createdAt: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  /** Containers (any state) that mount it. */
  containers: z.array(z.object({ id: z.string(), name: z.string(), running: z.boolean() })),
  dangling: z.boolean(),
  /** Bytes in it, from the engine's disk usage (slow: measured in the background); null until then. */
  size: z.number().nullable(),
  /** When `size` was measured. */
  sizeAt: z.number().nullable(),
});
export type VolumeSummary = z.infer<typeof VolumeSummarySchema>;

const OptionMap = z.record(
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^=\s,]+$/, "An option name cannot contain '=', ',' or spaces."),
  z.string().max(4096),
);

/** `docker volume create`: the engine names the volume when no name is given. */
export const VolumeCreateSchema = z.object({
  name: VolumeNameSchema.optional(),
  driver: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, "Not a volume driver name.")
    .default("local"),
  driverOpts: OptionMap.default({}),
  labels: OptionMap.default({}),
});
export type VolumeCreate = z.infer<typeof VolumeCreateSchema>;
export type VolumeCreateInput = z.input<typeof VolumeCreateSchema>;

/**
 * The parts of a path inside a volume, or why it is refused: paths are relative to the volume's
 * root ("" is the root); absolute paths, `..` and NUL are refused. Symlinks are checked on the host.
 */
export function volumePathParts(path: string): string[] {
  if (path.includes("\0")) throw new Error("A path cannot contain a NUL character.");
  if (path.startsWith("/")) {
    throw new Error("Paths are relative to the volume's root; absolute paths are refused.");
  }
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new Error("Paths may not climb out of the volume with '..'.");
  return parts;
}

export const VolumePathSchema = z
  .string()
  .max(4096)
  .default("")
  .transform((path, ctx) => {
    try {
      return volumePathParts(path).join("/");
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });

/** One name inside a folder (an uploaded file, a new folder). */
export const VolumeEntryNameSchema = z
  .string()
  .min(1, "Give a name.")
  .max(255)
  .refine((n) => !n.includes("/") && !n.includes("\0"), "A name cannot contain '/'.")
  .refine((n) => n !== "." && n !== "..", "Not a usable name.");

/** Every command that runs a helper container names its image and whether protected paths may be mounted. */
const HelperParams = z.object({
  helperImage: ImageRefSchema,
  /** The host's policy allows mounting a bind-like volume of a protected path. */
  allowProtectedPaths: z.boolean().default(false),
});

const VolumeRef = z.object({ name: VolumeNameSchema });

export const VOLUME_ENTRY_TYPES = ["file", "dir", "symlink", "other"] as const;

/** One entry of a folder listing. */
export const VolumeEntrySchema = z.object({
  name: z.string(),
  type: z.enum(VOLUME_ENTRY_TYPES),
  size: z.number(),
  /** Permission bits with setuid, setgid and sticky (e.g. 0o755). */
  mode: z.number(),
  uid: z.number(),
  gid: z.number(),
  modifiedAt: z.number(),
  /** Where a symlink points, as written in it. */
  linkTarget: z.string().nullable(),
});
export type VolumeEntry = z.infer<typeof VolumeEntrySchema>;

/** A folder's entries; lists longer than this are cut (the listing says so). */
export const MAX_LISTED_ENTRIES = 5000;
/** A preview shows at most this much of a file. */
export const PREVIEW_BYTES = 256 * 1024;

export const VolumeListingSchema = z.object({
  /** The folder, relative to the volume's root. */
  path: z.string(),
  entries: z.array(VolumeEntrySchema),
  truncated: z.boolean(),
});
export type VolumeListing = z.infer<typeof VolumeListingSchema>;

export const VolumePreviewSchema = z.object({
  path: z.string(),
  size: z.number(),
  /** The file holds bytes that are not text: no text is sent. */
  binary: z.boolean(),
  /** Only the first PREVIEW_BYTES are in `text`. */
  truncated: z.boolean(),
  text: z.string(),
});
export type VolumePreview = z.infer<typeof VolumePreviewSchema>;

export const VolumeStatSchema = z.object({
  path: z.string(),
  name: z.string(),
  type: z.enum(VOLUME_ENTRY_TYPES),
  size: z.number(),
});
export type VolumeStat = z.infer<typeof VolumeStatSchema>;

export const VolumePruneResultSchema = z.object({
  deleted: z.array(z.string()),
  spaceReclaimed: z.number(),
});
export type VolumePruneResult = z.infer<typeof VolumePruneResultSchema>;

export const VolumeRestoreResultSchema = z.object({
  name: z.string(),
  /** Bytes of the (uncompressed) tar that were restored. */
  bytes: z.number(),
  entries: z.number(),
});
export type VolumeRestoreResult = z.infer<typeof VolumeRestoreResultSchema>;

const UploadId = z.string().min(1).max(100);
const Ok = z.object({ ok: z.literal(true) });

/** Agent commands of the volumes area (merged into AgentCommands). */
export const VolumeCommands = {
  /** Fast: sizes come from a cache the agent refreshes in the background (volumes.changed when done). */
  "volume.list": {
    params: z.object({}),
    result: z.object({ volumes: z.array(VolumeSummarySchema) }),
  },
  "volume.inspect": {
    params: VolumeRef,
    result: z.object({ inspect: z.record(z.string(), z.unknown()), volume: VolumeSummarySchema }),
  },
  /** The agent refuses a bind-like volume of its protected paths unless allowProtectedPaths. */
  "volume.create": {
    params: VolumeCreateSchema.extend({ allowProtectedPaths: z.boolean().default(false) }),
    result: z.object({ name: z.string() }),
  },
  /** Refused while containers (running or not) use it, naming them. */
  "volume.remove": { params: VolumeRef, result: Ok },
  /** Every volume no container uses. */
  "volume.prune": { params: z.object({}), result: VolumePruneResultSchema },
  /** A new volume with the same contents; progress in bytes ("clone"). */
  "volume.clone": {
    params: HelperParams.extend({
      source: VolumeNameSchema,
      target: VolumeCreateSchema.extend({ name: VolumeNameSchema }),
    }),
    result: VolumeRestoreResultSchema,
  },
  "volume.stat": {
    params: HelperParams.extend({ name: VolumeNameSchema, path: VolumePathSchema }),
    result: VolumeStatSchema,
  },
  "volume.browse": {
    params: HelperParams.extend({ name: VolumeNameSchema, path: VolumePathSchema }),
    result: VolumeListingSchema,
  },
  "volume.preview": {
    params: HelperParams.extend({ name: VolumeNameSchema, path: VolumePathSchema }),
    result: VolumePreviewSchema,
  },
  /** Reads exactly `size` bytes from the upload into `path`/`fileName`. */
  "volume.upload": {
    params: HelperParams.extend({
      name: VolumeNameSchema,
      path: VolumePathSchema,
      fileName: VolumeEntryNameSchema,
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      overwrite: z.boolean().default(false),
      uploadId: UploadId,
    }),
    result: z.object({ path: z.string() }),
  },
  "volume.mkdir": {
    params: HelperParams.extend({
      name: VolumeNameSchema,
      path: VolumePathSchema,
      dirName: VolumeEntryNameSchema,
    }),
    result: z.object({ path: z.string() }),
  },
  /**
   * Reads a backup (.tar.gz) from an upload into an empty volume, or into a new one when `create`
   * is set; progress in bytes ("restore"). A failed restore leaves the volume empty again (or
   * removes the new one).
   */
  "volume.restore": {
    params: HelperParams.extend({
      name: VolumeNameSchema,
      create: VolumeCreateSchema.omit({ name: true }).nullable().default(null),
      uploadId: UploadId,
    }),
    result: VolumeRestoreResultSchema,
  },
} as const;

/** Byte streams of the volumes area (merged into AgentStreams). */
export const VolumeStreams = {
  /** A file's bytes, or a folder as a tar. */
  "volume.download": {
    params: HelperParams.extend({
      name: VolumeNameSchema,
      path: VolumePathSchema,
      as: z.enum(["file", "tar"]),
    }),
  },
  /** The whole volume as a .tar.gz: owners, modes, symlinks and empty folders kept. */
  "volume.backup": { params: HelperParams.extend({ name: VolumeNameSchema }) },
} as const;

/**
 * The host paths a `local` volume's options hand to whoever mounts it: its `device` (with
 * `type=none,o=bind`, or a block device with a filesystem type) and an overlay's directories. Such
 * a volume is a bind of those paths in disguise; other drivers and tmpfs or NFS options name none.
 */
export function volumeHostPaths(
  driver: string,
  options: Readonly<Record<string, string>>,
): string[] {
  if (driver !== "local") return [];
  const paths: string[] = [];
  const device = options.device;
  if (device?.startsWith("/")) paths.push(device);
  for (const option of (options.o ?? "").split(",")) {
    const eq = option.indexOf("=");
    const key = option.slice(0, eq).trim();
    if (eq < 0 || !["lowerdir", "upperdir", "workdir"].includes(key)) continue;
    for (const dir of option.slice(eq + 1).split(":")) if (dir.trim()) paths.push(dir.trim());
  }
  return paths;
}
