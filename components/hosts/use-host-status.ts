"use client";

import { useEffect, useState } from "react";
import { UiEvents, type HostStatus } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** Live online/offline state for hosts, starting from what the server rendered. */
export function useHostStatus(initial: HostStatus[]): Map<string, HostStatus> {
  const { socket } = useUiSocket();
  const [statuses, setStatuses] = useState(() => new Map(initial.map((s) => [s.hostId, s])));
  useEffect(() => {
    if (!socket) return;
    const onStatus = (status: HostStatus) => {
      setStatuses((prev) => new Map(prev).set(status.hostId, status));
    };
    socket.on(UiEvents.hostStatus, onStatus);
    return () => {
      socket.off(UiEvents.hostStatus, onStatus);
    };
  }, [socket]);
  return statuses;
}
