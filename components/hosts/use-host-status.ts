"use client";

import { useEffect, useState } from "react";
import { HostStatusSchema, UiEvents, type HostStatus } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** Live online/offline state for hosts, starting from what the server rendered. */
export function useHostStatus(initial: HostStatus[]): Map<string, HostStatus> {
  const { socket } = useUiSocket();
  const [statuses, setStatuses] = useState(() => new Map(initial.map((s) => [s.hostId, s])));
  useEffect(() => {
    if (!socket) return;
    const onStatus = (payload: unknown) => {
      const parsed = HostStatusSchema.safeParse(payload);
      if (!parsed.success) return;
      setStatuses((prev) => new Map(prev).set(parsed.data.hostId, parsed.data));
    };
    socket.on(UiEvents.hostStatus, onStatus);
    return () => {
      socket.off(UiEvents.hostStatus, onStatus);
    };
  }, [socket]);
  return statuses;
}
