"use client";

import { useEffect, useRef } from "react";
import { UiEvents, type HostStatus, type UiPushes } from "@/lib/protocol";
import type { z } from "zod";
import { useUiSocket } from "@/components/ui/use-ui-socket";

type Pushes = typeof UiPushes;

/** The /ui pushes that only say which host's list changed (images, networks, volumes). */
export type HostChangePush = {
  [K in keyof Pushes]: [keyof z.infer<Pushes[K]["payload"]>] extends ["hostId"] ? K : never;
}[keyof Pushes];

/**
 * Calls `onChanged(hostId)` when `push` says a host's list changed on its engine (whoever changed
 * it), when a host comes back online (or goes offline, with `alsoOffline`: lists whose rows show
 * an offline host's state), and with null when the link itself came back after a drop.
 */
export function useHostChangeFeed(
  push: HostChangePush,
  onChanged: (hostId: string | null) => void,
  { alsoOffline = false }: { alsoOffline?: boolean } = {},
): void {
  const { socket } = useUiSocket();
  const ref = useRef(onChanged);
  useEffect(() => {
    ref.current = onChanged;
  });
  useEffect(() => {
    if (!socket) return;
    const event = UiEvents[push];
    let seen = socket.connected;
    const onChange = ({ hostId }: { hostId: string }) => ref.current(hostId);
    const onHost = ({ hostId, online }: HostStatus) => {
      if (online || alsoOffline) ref.current(hostId);
    };
    const onConnect = () => {
      if (seen) ref.current(null);
      seen = true;
    };
    socket.on(event, onChange);
    socket.on(UiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    return () => {
      socket.off(event, onChange);
      socket.off(UiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
    };
  }, [socket, push, alsoOffline]);
}
