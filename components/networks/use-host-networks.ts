"use client";

import { useEffect, useState } from "react";
import type { NetworkSummary } from "@/lib/protocol";
import { api } from "@/components/ui/api-client";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { networksApi } from "./api";

/**
 * The networks of a host a container can join, kept current from the host's network events;
 * null while unknown (no host, not loaded, or the host is offline or refuses).
 */
export function useHostNetworks(hostId: string): NetworkSummary[] | null {
  const [loaded, setLoaded] = useState<{ hostId: string; networks: NetworkSummary[] } | null>(null);
  const [generation, setGeneration] = useState(0);
  useHostChangeFeed("networksChanged", (changed) => {
    if (changed === null || changed === hostId) setGeneration((g) => g + 1);
  });
  useEffect(() => {
    if (!hostId) return;
    let live = true;
    api<{ networks: NetworkSummary[] }>(networksApi(hostId, "list")).then(
      (res) => {
        if (live) setLoaded({ hostId, networks: res.networks });
      },
      () => {
        if (live) setLoaded(null);
      },
    );
    return () => {
      live = false;
    };
  }, [hostId, generation]);
  if (!loaded || loaded.hostId !== hostId) return null;
  // host and none are modes (the Network select above), not networks to join
  return loaded.networks.filter((n) => n.driver !== "host" && n.driver !== "null");
}
