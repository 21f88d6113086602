import type { ImageUpdateStatus } from "@/lib/protocol";
import { db } from "@/lib/db";
import { sendAlertSignal, type ImageCheckFinding } from "@/lib/alerts/alert-signals";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { imageRefsOf } from "./container-image-refs";
import { digestCache } from "./digest-cache";
import { compareDigests, localDigestsOf, type ImageRef } from "./image-ref";
import { rememberOutdated } from "./outdated-containers";
import { registryClientFor } from "./registry-client-for";

type Finding = ImageCheckFinding & { error: string | null };

/** The registry's current digest for the tag, from the cache or the registry. */
async function remoteDigestOf(ref: ImageRef, maxAgeMs: number): Promise<string> {
  return digestCache().digest(ref.registryHost, ref.repository, ref.tag, maxAgeMs, async () =>
    (await registryClientFor(ref.registryHost)).manifestDigest(ref.repository, ref.tag),
  );
}

/** One reference's answer: its images' registry digests against the registry's for the tag. */
async function checkRef(
  ref: ImageRef,
  images: Array<{ digests: string[] }>,
  maxAgeMs: number,
): Promise<Pick<Finding, "status" | "localDigest" | "remoteDigest" | "error">> {
  const perImage = images.map((image) => localDigestsOf(image.digests, ref));
  const localDigest = perImage.find((d) => d.length > 0)?.[0] ?? null;
  if (ref.pinnedDigest) {
    return { status: "local_only", localDigest: ref.pinnedDigest, remoteDigest: null, error: null };
  }
  if (!localDigest)
    return { status: "local_only", localDigest: null, remoteDigest: null, error: null };
  try {
    const remote = await remoteDigestOf(ref, maxAgeMs);
    // the reference is current only when every container's image is the registry's
    const status: ImageUpdateStatus = perImage.some(
      (digests) => compareDigests(digests, remote) === "update_available",
    )
      ? "update_available"
      : "up_to_date";
    return { status, localDigest, remoteDigest: remote, error: null };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { status: "error", localDigest, remoteDigest: null, error };
  }
}

/**
 * Compares every image reference the host's containers use with its registry (digest-pinned and
 * never-pulled images are local_only), stores the answers (rows of references no container uses
 * any more go), tells the alert engine and the host's open pages. `maxAgeMs`: how old a cached
 * registry answer may be.
 */
export async function checkHostImages(
  hostId: string,
  maxAgeMs = Number.POSITIVE_INFINITY,
): Promise<Finding[]> {
  const hub = getAgentHub();
  const containers = hub.containers.list(hostId);
  const refs = await imageRefsOf(hostId, containers);
  const { images } = await hub.call(hostId, "image.list", {});
  const imagesById = new Map(images.map((image) => [image.id, image]));

  const groups = new Map<string, { ref: ImageRef; containers: typeof containers }>();
  for (const container of containers) {
    const ref = refs.get(container.id);
    if (!ref) continue;
    const group = groups.get(ref.ref) ?? { ref, containers: [] };
    group.containers.push(container);
    groups.set(ref.ref, group);
  }

  const outdated: string[] = [];
  const findings = await Promise.all(
    [...groups.values()].map(async ({ ref, containers: users }): Promise<Finding> => {
      const imageOf = (c: (typeof users)[number]) => imagesById.get(c.imageId) ?? { digests: [] };
      const answer = await checkRef(ref, [...new Set(users.map(imageOf))], maxAgeMs);
      if (answer.status === "update_available" && answer.remoteDigest) {
        const remote = answer.remoteDigest;
        for (const c of users) {
          const local = localDigestsOf(imageOf(c).digests, ref);
          if (compareDigests(local, remote) === "update_available") outdated.push(c.id);
        }
      }
      return {
        imageRef: ref.ref,
        ...answer,
        containers: users.map((c) => ({ id: c.id, name: c.name, labels: c.labels })),
      };
    }),
  );
  rememberOutdated(hostId, outdated);

  const checkedAt = new Date();
  await db.$transaction([
    ...findings.map((f) => {
      const data = {
        localDigest: f.localDigest,
        remoteDigest: f.remoteDigest,
        status: f.status,
        error: f.error,
        checkedAt,
      };
      return db.imageUpdateCheck.upsert({
        where: { hostId_imageRef: { hostId, imageRef: f.imageRef } },
        create: { hostId, imageRef: f.imageRef, ...data },
        update: data,
      });
    }),
    db.imageUpdateCheck.deleteMany({
      where: { hostId, imageRef: { notIn: findings.map((f) => f.imageRef) } },
    }),
  ]);
  sendAlertSignal({
    kind: "imageChecks",
    hostId,
    findings: findings.map((f) => ({
      imageRef: f.imageRef,
      status: f.status,
      localDigest: f.localDigest,
      remoteDigest: f.remoteDigest,
      containers: f.containers,
    })),
  });
  hub.emit("imageUpdates", { hostId });
  return findings;
}
