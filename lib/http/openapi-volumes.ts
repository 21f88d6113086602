import { z } from "zod";
import {
  VolumeCreateSchema,
  VolumeListingSchema,
  VolumePreviewSchema,
  VolumePruneResultSchema,
  VolumeRestoreResultSchema,
  VolumeSummarySchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { HOST_ROLES } from "@/lib/auth/permissions";
import type { VolumeBackups } from "@/lib/services/volumes/list-volume-backups";
import { VolumeQuerySchema, type VolumeRow } from "@/lib/services/volumes/list-volumes";
import type { VolumeDetail } from "@/lib/services/volumes/get-volume";
import { VolumeCloneSchema } from "@/lib/services/volumes/clone-volume";
import { VolumeMkdirSchema } from "@/lib/services/volumes/make-volume-folder";
import { RestoreQuerySchema } from "@/lib/services/volumes/restore-volume";
import { BackupScheduleSchema } from "@/lib/services/volumes/set-backup-schedule";
import {
  StoreBackupSchema,
  type StoredVolumeBackup,
} from "@/lib/services/volumes/store-volume-backup";
import { VolumeUploadSchema } from "@/lib/services/volumes/upload-volume-file";

/** The helpers openapi.ts builds its document with, handed over so this file needs nothing else of it. */
export type OpenApiKit = {
  schema: (s: z.ZodType, io?: "input" | "output") => unknown;
  json: (s: z.ZodType, description: string) => unknown;
  queryParameters: (s: z.ZodObject) => unknown[];
  errors: Record<string, unknown>;
  host: unknown;
};

const VolumeRowSchema = VolumeSummarySchema.extend({
  id: z.string().describe("host id / volume name"),
  hostId: z.string(),
  hostName: z.string(),
  role: z.enum(HOST_ROLES),
});
const VolumePageSchema = z.object({
  items: z.array(VolumeRowSchema),
  hosts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      online: z.boolean(),
      error: z.string().optional(),
    }),
  ),
});
const VolumeDetailSchema = z.object({
  volume: VolumeSummarySchema,
  inspect: z.record(z.string(), z.unknown()).describe("docker volume inspect"),
  role: z.enum(HOST_ROLES),
});
const StoredBackupSchema = z.object({
  id: z.string().describe("the file name"),
  createdAt: z.number(),
  size: z.number(),
});
const VolumeBackupsSchema = z.object({
  backups: z.array(StoredBackupSchema),
  schedule: z
    .object({
      cron: z.string(),
      retention: z.number(),
      createdBy: z.string(),
      nextRunAt: z.number(),
      lastRunAt: z.number().nullable(),
      lastOutcome: z.enum(["SUCCESS", "FAILURE"]).nullable(),
      lastError: z.string().nullable(),
      lastBytes: z.number().nullable(),
    })
    .nullable(),
});
const StoredVolumeBackupSchema = StoredBackupSchema.extend({
  removed: z.array(z.string()).describe("older backups the retention deleted"),
});

type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof VolumeRowSchema, VolumeRow>,
  Describes<typeof VolumeDetailSchema, VolumeDetail>,
  Describes<typeof VolumeBackupsSchema, VolumeBackups>,
  Describes<typeof StoredVolumeBackupSchema, StoredVolumeBackup>,
] = [true, true, true, true];
void described;

const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description,
});
const NAME = pathParam("name", "The volume's name.");

/** The volume operations of /api/v1, from the schemas the services validate with. */
export function volumePaths(kit: OpenApiKit) {
  const { schema, json, queryParameters, errors, host } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  const bytes = (type: string, description: string) => ({
    description,
    content: { [type]: { schema: { type: "string", format: "binary" } } },
  });
  const one = [host, NAME];
  const pathQuery = [
    {
      name: "path",
      in: "query",
      required: false,
      schema: { type: "string" },
      description:
        "relative to the volume's root; '..', absolute paths and symlinks leading out are refused",
    },
  ];
  return {
    "/volumes": {
      get: {
        summary: "Volumes on every host the caller may see",
        description:
          "VIEWER. `size` is the agent's last measurement of the engine's disk usage (null until one is done).",
        operationId: "listVolumes",
        parameters: queryParameters(VolumeQuerySchema),
        responses: { "200": json(VolumePageSchema, "Volumes."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes": {
      post: {
        summary: "Create a volume, like docker volume create",
        description:
          "DEPLOYER. A local volume whose options bind a host path (device=<path>, overlay directories) must pass the host security policy's bind rules, like a container binding that path: a refusal answers 403 with `error.violations`.",
        operationId: "createVolume",
        parameters: [host],
        requestBody: jsonBody(VolumeCreateSchema),
        responses: {
          "201": json(z.object({ name: z.string() }), "Created."),
          "409": failed("A volume of that name exists."),
          "502": failed("The engine refused it."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/prune": {
      post: {
        summary: "Remove every volume no container uses",
        description: "DEPLOYER.",
        operationId: "pruneVolumes",
        parameters: [host],
        responses: {
          "200": json(VolumePruneResultSchema, "What was removed and the space reclaimed."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}": {
      get: {
        summary: "One volume, inspected, with who uses it",
        operationId: "getVolume",
        parameters: one,
        responses: { "200": json(VolumeDetailSchema, "The volume."), ...errors },
      },
      delete: {
        summary: "Remove a volume",
        description:
          "DEPLOYER. Refused (409) while containers, running or stopped, use it; the message names them.",
        operationId: "removeVolume",
        parameters: one,
        responses: {
          "200": json(z.object({ ok: z.literal(true) }), "Removed."),
          "409": failed("In use."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/files": {
      get: {
        summary: "A folder's entries: size, mode, owner, modification time, symlink targets",
        description:
          "VIEWER (for a volume that binds a host directory, the role that could bind it).",
        operationId: "listVolumeFiles",
        parameters: [...one, ...pathQuery],
        responses: {
          "200": json(VolumeListingSchema, "The folder."),
          "400": failed("Not a folder, or a path that is refused."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/preview": {
      get: {
        summary: "The start of a file as text",
        operationId: "previewVolumeFile",
        parameters: [...one, ...pathQuery],
        responses: { "200": json(VolumePreviewSchema, "The preview."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes/{name}/download": {
      get: {
        summary: "A file as it is, or a folder as a tar",
        operationId: "downloadVolumePath",
        parameters: [...one, ...pathQuery],
        responses: {
          "200": bytes(
            "application/octet-stream",
            "The file, or a tar of the folder (application/x-tar).",
          ),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/upload": {
      post: {
        summary: "Upload one file into a folder (the body is the file)",
        description:
          "DEPLOYER. The file appears whole or not at all; an existing one is replaced only with overwrite=1.",
        operationId: "uploadVolumeFile",
        parameters: [...one, ...queryParameters(VolumeUploadSchema)],
        requestBody: {
          required: true,
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
        responses: {
          "200": json(z.object({ path: z.string() }), "Uploaded."),
          "409": failed("It exists."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/mkdir": {
      post: {
        summary: "Make a folder",
        description: "DEPLOYER.",
        operationId: "makeVolumeFolder",
        parameters: one,
        requestBody: jsonBody(VolumeMkdirSchema),
        responses: {
          "200": json(z.object({ path: z.string() }), "Made."),
          "409": failed("It exists."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/clone": {
      post: {
        summary: "Copy the volume into a new one",
        description:
          "DEPLOYER. Owners, modes, times and symlinks are kept; the new volume's options pass the policy like a create; a failed clone removes it.",
        operationId: "cloneVolume",
        parameters: one,
        requestBody: jsonBody(VolumeCloneSchema),
        responses: { "200": json(VolumeRestoreResultSchema, "Cloned."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes/{name}/backup": {
      get: {
        summary: "Back the volume up as a .tar.gz download",
        description:
          "VIEWER. Streamed from the host; owners, modes, times, symlinks and empty folders kept.",
        operationId: "downloadVolumeBackup",
        parameters: one,
        responses: { "200": bytes("application/gzip", "The backup."), ...errors },
      },
      post: {
        summary: "Back the volume up to the Berth server (BERTH_DATA/backups)",
        description: "DEPLOYER. Keeps the newest `retention` backups of the volume.",
        operationId: "storeVolumeBackup",
        parameters: one,
        requestBody: jsonBody(StoreBackupSchema),
        responses: { "200": json(StoredVolumeBackupSchema, "Stored."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes/{name}/backups": {
      get: {
        summary: "The volume's backups stored on the server and its schedule with the last result",
        operationId: "listVolumeBackups",
        parameters: one,
        responses: { "200": json(VolumeBackupsSchema, "Backups."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes/{name}/backups/{backupId}": {
      get: {
        summary: "Download a stored backup",
        operationId: "downloadStoredBackup",
        parameters: [...one, pathParam("backupId", "A stored backup's id from GET …/backups.")],
        responses: { "200": bytes("application/gzip", "The backup."), ...errors },
      },
    },
    "/hosts/{hostId}/volumes/{name}/restore": {
      post: {
        summary: "Restore a backup into a new or an empty volume",
        description:
          "DEPLOYER. The body is the .tar.gz, unless `backup` names a stored one. Refused (409) into a volume that holds data or that running containers use (named). A file that is no backup is refused (400), and a failed restore empties the volume again (or removes the new one).",
        operationId: "restoreVolume",
        parameters: [...one, ...queryParameters(RestoreQuerySchema)],
        requestBody: {
          required: false,
          content: { "application/gzip": { schema: { type: "string", format: "binary" } } },
        },
        responses: {
          "200": json(VolumeRestoreResultSchema, "Restored."),
          "400": failed("Not a backup."),
          "409": failed("Not empty, or in use."),
          "502": failed("The engine failed (a full disk)."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/volumes/{name}/schedule": {
      put: {
        summary: "Back the volume up to the server on a cron schedule",
        description: "DEPLOYER. One schedule per volume; run by the server, each run audited.",
        operationId: "setBackupSchedule",
        parameters: one,
        requestBody: jsonBody(BackupScheduleSchema),
        responses: { "200": json(z.object({ nextRunAt: z.number() }), "Scheduled."), ...errors },
      },
      delete: {
        summary: "Stop the volume's scheduled backups",
        description: "DEPLOYER. Stored backups stay.",
        operationId: "removeBackupSchedule",
        parameters: one,
        responses: { "200": json(z.object({ ok: z.literal(true) }), "Stopped."), ...errors },
      },
    },
  };
}
