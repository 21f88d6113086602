"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { UiEvents } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** A burst of engine events (a compose up, a prune) becomes one refresh. */
const SETTLE_MS = 1000;

/**
 * Renders the page again on the server when containers change on any host the user sees, a
 * host comes or goes, or the live link returns after a drop: server-rendered lists stay live.
 */
export function useLiveRefresh(): void {
  const router = useRouter();
  const { socket } = useUiSocket();
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seen = socket.connected;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, SETTLE_MS);
    };
    const onConnect = () => {
      if (seen) refresh();
      seen = true;
    };
    socket.on(UiEvents.containersChanged, refresh);
    socket.on(UiEvents.hostStatus, refresh);
    socket.on("connect", onConnect);
    return () => {
      if (timer) clearTimeout(timer);
      socket.off(UiEvents.containersChanged, refresh);
      socket.off(UiEvents.hostStatus, refresh);
      socket.off("connect", onConnect);
    };
  }, [socket, router]);
}
