import { z } from "zod";
import { BerthError, type ImageUpdateView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { knownImageRefOf } from "./container-image-refs";
import { outdatedContainersOf } from "./outdated-containers";

export const ImageUpdateQuerySchema = z.object({ hostId: z.string().max(64).optional() });

/** What the last checks found, on every host the user may read images on (or one of them). */
export async function listImageUpdates(
  user: SessionUser,
  query: unknown,
): Promise<{ checks: ImageUpdateView[] }> {
  const { hostId } = ImageUpdateQuerySchema.parse(query);
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!hostId || h.id === hostId) && roleAllows(h.role, "image.read"),
  );
  if (hostId && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const rows = await db.imageUpdateCheck.findMany({
    where: { hostId: { in: hosts.map((h) => h.id) } },
    orderBy: [{ hostId: "asc" }, { imageRef: "asc" }],
  });
  const hub = getAgentHub();
  const byHostRef = new Map<string, Array<{ id: string; name: string }>>();
  for (const host of hosts) {
    for (const container of hub.containers.list(host.id)) {
      const ref = knownImageRefOf(host.id, container);
      if (!ref) continue;
      const key = `${host.id}\n${ref.ref}`;
      const list = byHostRef.get(key) ?? [];
      list.push({ id: container.id, name: container.name });
      byHostRef.set(key, list);
    }
  }
  // with an update available, only the containers still on an older image
  const containersOf = (host: string, imageRef: string, status: string) => {
    const all = byHostRef.get(`${host}\n${imageRef}`) ?? [];
    const outdated = status === "update_available" ? outdatedContainersOf(host) : undefined;
    return outdated ? all.filter((c) => outdated.has(c.id)) : all;
  };
  return {
    checks: rows.map((row) => ({
      hostId: row.hostId,
      hostName: names.get(row.hostId) ?? row.hostId,
      imageRef: row.imageRef,
      status: row.status as ImageUpdateView["status"],
      localDigest: row.localDigest,
      remoteDigest: row.remoteDigest,
      error: row.error,
      checkedAt: row.checkedAt.toISOString(),
      containers: containersOf(row.hostId, row.imageRef, row.status),
    })),
  };
}
