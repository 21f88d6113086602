"use client";

import { useEffect, useRef } from "react";
import { UiEvents, type HostStatus } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/**
 * Calls `onChanged(hostId)` when a host's volumes changed on its engine (whoever changed them, and
 * when their sizes were measured), when a host comes back online, and with null when the link
 * itself came back after a drop.
 */
export function useVolumeFeed(onChanged: (hostId: string | null) => void): void {
  const { socket } = useUiSocket();
  const ref = useRef(onChanged);
  useEffect(() => {
    ref.current = onChanged;
  });
  useEffect(() => {
    if (!socket) return;
    let seen = socket.connected;
    const onVolumes = ({ hostId }: { hostId: string }) => ref.current(hostId);
    const onHost = ({ hostId, online }: HostStatus) => {
      if (online) ref.current(hostId);
    };
    const onConnect = () => {
      if (seen) ref.current(null);
      seen = true;
    };
    socket.on(UiEvents.volumesChanged, onVolumes);
    socket.on(UiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    return () => {
      socket.off(UiEvents.volumesChanged, onVolumes);
      socket.off(UiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
    };
  }, [socket]);
}
