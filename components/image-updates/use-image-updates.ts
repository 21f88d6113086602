"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { ImageUpdateView } from "@/lib/protocol";
import { localDigestsOf, parseImageRef } from "@/lib/services/image-updates/image-ref";
import { api } from "@/components/ui/api-client";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";

export type ImageUpdates = {
  checks: ImageUpdateView[];
  /** "hostId/containerId" of containers whose tag names a newer image in the registry */
  containers: Set<string>;
  /** Whether an image (its RepoDigests) is older than the registry's image for its tag. */
  imageOutdated: (hostId: string, digests: readonly string[]) => boolean;
  reload: () => void;
};

/**
 * The last image update checks (of one host, or all), loaded again when the server says a
 * host's checks changed: the marks come from here, never from the live lists.
 */
export function useImageUpdates(hostId?: string): ImageUpdates {
  const [checks, setChecks] = useState<ImageUpdateView[]>([]);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    const query = hostId ? `?hostId=${encodeURIComponent(hostId)}` : "";
    api<{ checks: ImageUpdateView[] }>(`/api/image-updates${query}`, { signal: controller.signal })
      .then((body) => setChecks(body.checks))
      // the marks are a hint: a failed load leaves the lists as they are
      .catch(() => undefined);
    return () => controller.abort();
  }, [hostId, tick]);
  useHostChangeFeed("imageUpdatesChanged", (changed) => {
    if (!hostId || changed === null || changed === hostId) reload();
  });
  return useMemo(() => {
    const available = checks.filter((c) => c.status === "update_available");
    const containers = new Set(
      available.flatMap((c) => c.containers.map((container) => `${c.hostId}/${container.id}`)),
    );
    const imageOutdated = (host: string, digests: readonly string[]) =>
      available.some((check) => {
        const ref = parseImageRef(check.imageRef);
        if (check.hostId !== host || !ref || !check.remoteDigest) return false;
        const local = localDigestsOf(digests, ref);
        return local.length > 0 && !local.includes(check.remoteDigest);
      });
    return { checks, containers, imageOutdated, reload };
  }, [checks, reload]);
}
