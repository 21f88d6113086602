"use client";

import { useEffect, useRef } from "react";
import { z } from "zod";
import { HostStatusSchema, UiEvents } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

const ChangedSchema = z.object({ hostId: z.string() });

/**
 * Calls `onChanged(hostId)` when a host's images changed on its engine (whoever changed them),
 * when a host comes back online, and with null when the link itself came back after a drop.
 */
export function useImageFeed(onChanged: (hostId: string | null) => void): void {
  const { socket } = useUiSocket();
  const ref = useRef(onChanged);
  useEffect(() => {
    ref.current = onChanged;
  });
  useEffect(() => {
    if (!socket) return;
    let seen = socket.connected;
    const onImages = (payload: unknown) => {
      const parsed = ChangedSchema.safeParse(payload);
      if (parsed.success) ref.current(parsed.data.hostId);
    };
    const onHost = (payload: unknown) => {
      const parsed = HostStatusSchema.safeParse(payload);
      if (parsed.success && parsed.data.online) ref.current(parsed.data.hostId);
    };
    const onConnect = () => {
      if (seen) ref.current(null);
      seen = true;
    };
    socket.on(UiEvents.imagesChanged, onImages);
    socket.on(UiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    return () => {
      socket.off(UiEvents.imagesChanged, onImages);
      socket.off(UiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
    };
  }, [socket]);
}
