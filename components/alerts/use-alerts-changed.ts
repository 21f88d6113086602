"use client";

import { useEffect, useRef } from "react";
import { UiEvents } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** Calls `onChanged` when alerts or rules change, and when the live link comes back after a drop. */
export function useAlertsChanged(onChanged: () => void): void {
  const { socket } = useUiSocket();
  const ref = useRef(onChanged);
  useEffect(() => {
    ref.current = onChanged;
  });
  useEffect(() => {
    if (!socket) return;
    let seen = socket.connected;
    const onChange = () => ref.current();
    const onConnect = () => {
      if (seen) ref.current();
      seen = true;
    };
    socket.on(UiEvents.alertsChanged, onChange);
    socket.on("connect", onConnect);
    return () => {
      socket.off(UiEvents.alertsChanged, onChange);
      socket.off("connect", onConnect);
    };
  }, [socket]);
}
