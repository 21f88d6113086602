"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { UiEvents } from "@/lib/protocol";
import type { Cluster } from "@/lib/services/swarm/get-cluster";
import { api, errorText } from "@/components/ui/api-client";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/**
 * The cluster as the server assembles it, loaded again when a host's swarm, networks or
 * containers change (engine events through its agent), when a host comes or goes, and when the
 * live link comes back. Reloads that arrive while one runs are folded into one more.
 */
export function useCluster(): {
  cluster: Cluster | null;
  error: string | null;
  reload: () => void;
} {
  const { socket } = useUiSocket();
  const [cluster, setCluster] = useState<Cluster | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      setCluster(await api<Cluster>("/api/swarm"));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      running.current = false;
      if (again.current) {
        again.current = false;
        void load();
      }
    }
  }, []);

  const reload = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, 200);
  }, [load]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!socket) return;
    let seen = socket.connected;
    const onConnect = () => {
      if (seen) reload();
      seen = true;
    };
    socket.on(UiEvents.swarmChanged, reload);
    socket.on(UiEvents.networksChanged, reload);
    socket.on(UiEvents.hostStatus, reload);
    socket.on("connect", onConnect);
    return () => {
      socket.off(UiEvents.swarmChanged, reload);
      socket.off(UiEvents.networksChanged, reload);
      socket.off(UiEvents.hostStatus, reload);
      socket.off("connect", onConnect);
    };
  }, [socket, reload]);

  return { cluster, error, reload };
}
