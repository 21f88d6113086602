import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { trackCall } from "@/lib/services/calls/track-call";
import { browseVolume } from "@/lib/services/volumes/browse-volume";
import { cloneVolume } from "@/lib/services/volumes/clone-volume";
import { createVolume } from "@/lib/services/volumes/create-volume";
import { downloadStoredBackup } from "@/lib/services/volumes/download-stored-backup";
import { downloadVolumeBackup } from "@/lib/services/volumes/download-volume-backup";
import { downloadVolumePath } from "@/lib/services/volumes/download-volume-path";
import { getVolume } from "@/lib/services/volumes/get-volume";
import { listVolumeBackups } from "@/lib/services/volumes/list-volume-backups";
import { listVolumes, VolumeQuerySchema } from "@/lib/services/volumes/list-volumes";
import { makeVolumeFolder } from "@/lib/services/volumes/make-volume-folder";
import { previewVolumeFile } from "@/lib/services/volumes/preview-volume-file";
import { pruneVolumes } from "@/lib/services/volumes/prune-volumes";
import { removeBackupSchedule } from "@/lib/services/volumes/remove-backup-schedule";
import { removeVolume } from "@/lib/services/volumes/remove-volume";
import { restoreVolume } from "@/lib/services/volumes/restore-volume";
import { setBackupSchedule } from "@/lib/services/volumes/set-backup-schedule";
import { storeVolumeBackup } from "@/lib/services/volumes/store-volume-backup";
import { uploadVolumeFile } from "@/lib/services/volumes/upload-volume-file";
import { downloadResponse } from "./download";
import { clientAddress, jsonBody } from "./respond";
import { sharedRoutes } from "./shared-routes";

/*
 * The volume routes, once for the browser (session cookie) and once for /api/v1 (API token):
 * the handlers below are shared, the route files only choose the wrapper.
 */

type Params = { hostId: string; name: string; action: string; backupId: string };
const { browserRoute, apiRoute, route } = sharedRoutes<Params>({ checkOrigin: true });
export { browserRoute, apiRoute };

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const noSuchAction = () => new BerthError("NOT_FOUND", "No such volume action.");

function requestBody(request: Request): AsyncIterable<Uint8Array> {
  if (!request.body) throw new BerthError("BAD_REQUEST", "Send the file as the request body.");
  return request.body as unknown as AsyncIterable<Uint8Array>;
}

/** The length the client announced, for an upload's size and a restore's progress. */
function contentLength(request: Request): number | undefined {
  const length = Number(request.headers.get("content-length"));
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** A long call the browser tagged with a callId (in the query): progress to its tabs. */
async function tracked<T>(
  user: SessionUser,
  request: Request,
  callId: unknown,
  run: (onProgress: ReturnType<typeof trackCall>["onProgress"]) => Promise<T>,
): Promise<T> {
  const call = trackCall(user.id, callId ?? new URL(request.url).searchParams.get("callId"));
  try {
    return await run(call.onProgress);
  } finally {
    call.release();
  }
}

export const volumeRoutes = {
  /** GET /volumes: every visible host's volumes. */
  list: route<never>(async (user, request) =>
    NextResponse.json(await listVolumes(user, VolumeQuerySchema.parse(query(request)))),
  ),

  /** POST /hosts/{hostId}/volumes: create. */
  create: route<"hostId">(async (user, request, { hostId }) =>
    NextResponse.json(
      await createVolume(user, hostId, await jsonBody(request), clientAddress(request)),
      { status: 201 },
    ),
  ),

  /** POST /hosts/{hostId}/volumes/prune */
  prune: route<"hostId">(async (user, request, { hostId }) =>
    NextResponse.json(await pruneVolumes(user, hostId, clientAddress(request))),
  ),

  /** GET /hosts/{hostId}/volumes/{name}: inspect. */
  inspect: route<"hostId" | "name">(async (user, _request, { hostId, name }) =>
    NextResponse.json(await getVolume(user, hostId, name)),
  ),

  /** DELETE /hosts/{hostId}/volumes/{name} */
  remove: route<"hostId" | "name">(async (user, request, { hostId, name }) => {
    await removeVolume(user, hostId, name, clientAddress(request));
    return NextResponse.json({ ok: true });
  }),

  /** GET /hosts/{hostId}/volumes/{name}/{files|preview|download|backup|backups} */
  read: route<"hostId" | "name" | "action">(async (user, request, { hostId, name, action }) => {
    const q = query(request);
    switch (action) {
      case "files":
        return NextResponse.json(await browseVolume(user, hostId, name, q.path));
      case "preview":
        return NextResponse.json(await previewVolumeFile(user, hostId, name, q.path));
      case "download": {
        const file = await downloadVolumePath(user, hostId, name, q.path);
        return downloadResponse(request, file.stream, file.fileName, file.type);
      }
      case "backup": {
        const call = trackCall(user.id, q.callId);
        const backup = await downloadVolumeBackup(user, hostId, name, {
          onProgress: call.onProgress,
          clientAddress: clientAddress(request),
        });
        backup.stream.once("close", call.release);
        return downloadResponse(request, backup.stream, backup.fileName, "application/gzip");
      }
      case "backups":
        return NextResponse.json(await listVolumeBackups(user, hostId, name));
      default:
        throw noSuchAction();
    }
  }),

  /** POST /hosts/{hostId}/volumes/{name}/{upload|mkdir|clone|backup|restore} */
  change: route<"hostId" | "name" | "action">(async (user, request, { hostId, name, action }) => {
    const address = clientAddress(request);
    switch (action) {
      case "upload": {
        const q = query(request);
        const size = q.size ?? contentLength(request);
        const file = { ...q, size };
        return NextResponse.json(
          await uploadVolumeFile(user, hostId, name, file, requestBody(request), address),
        );
      }
      case "mkdir":
        return NextResponse.json(
          await makeVolumeFolder(user, hostId, name, await jsonBody(request), address),
        );
      case "clone": {
        const body = (await jsonBody(request)) as Record<string, unknown>;
        const { callId, ...target } = body;
        return NextResponse.json(
          await tracked(user, request, callId, (onProgress) =>
            cloneVolume(user, hostId, name, target, { onProgress, clientAddress: address }),
          ),
        );
      }
      case "backup": {
        const body = (await jsonBody(request)) as Record<string, unknown>;
        return NextResponse.json(
          await tracked(user, request, body.callId, (onProgress) =>
            storeVolumeBackup(user, hostId, name, body, { onProgress, clientAddress: address }),
          ),
        );
      }
      case "restore": {
        const q = query(request);
        const body = q.backup ? null : requestBody(request);
        return NextResponse.json(
          await tracked(user, request, q.callId, (onProgress) =>
            restoreVolume(user, hostId, name, q, body, {
              onProgress,
              clientAddress: address,
              size: contentLength(request),
            }),
          ),
        );
      }
      default:
        throw noSuchAction();
    }
  }),

  /** PUT /hosts/{hostId}/volumes/{name}/schedule */
  schedule: route<"hostId" | "name" | "action">(async (user, request, { hostId, name, action }) => {
    if (action !== "schedule") throw noSuchAction();
    return NextResponse.json(
      await setBackupSchedule(user, hostId, name, await jsonBody(request), clientAddress(request)),
    );
  }),

  /** DELETE /hosts/{hostId}/volumes/{name}/schedule */
  unschedule: route<"hostId" | "name" | "action">(
    async (user, request, { hostId, name, action }) => {
      if (action !== "schedule") throw noSuchAction();
      await removeBackupSchedule(user, hostId, name, clientAddress(request));
      return NextResponse.json({ ok: true });
    },
  ),

  /** GET /hosts/{hostId}/volumes/{name}/backups/{backupId}: a stored backup. */
  storedBackup: route<"hostId" | "name" | "backupId">(
    async (user, request, { hostId, name, backupId }) => {
      const backup = await downloadStoredBackup(user, hostId, name, backupId);
      return downloadResponse(request, backup.stream, backup.fileName, "application/gzip");
    },
  ),
};
