"use client";

import { useEffect, useRef } from "react";
import type { z } from "zod";
import { UiEvents, type HostStatus, type UiPushes } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

type Pushes = typeof UiPushes;
type HostPush = {
  [K in keyof Pushes]: z.infer<Pushes[K]["payload"]> extends { hostId: string } ? K : never;
}[keyof Pushes];

/** The push that says a host's compose projects changed (their containers come and go). */
const STACKS_PUSH: HostPush = "stacksChanged";

/** Pushes come in bursts while a stack deploys: reload once the burst is over. */
const QUIET_MS = 400;

/**
 * Calls `onChanged(hostId)` shortly after a host's stacks changed, when a host comes online or
 * goes offline (its stacks' state changes with it), and with null when the link came back after
 * a drop.
 */
export function useStacksFeed(onChanged: (hostId: string | null) => void): void {
  const { socket } = useUiSocket();
  const ref = useRef(onChanged);
  useEffect(() => {
    ref.current = onChanged;
  });
  useEffect(() => {
    if (!socket) return;
    const event = UiEvents[STACKS_PUSH];
    const pending = new Set<string | null>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (hostId: string | null) => {
      pending.add(hostId);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const hosts = [...pending];
        pending.clear();
        if (hosts.includes(null)) ref.current(null);
        else for (const id of hosts) ref.current(id);
      }, QUIET_MS);
    };
    let seen = socket.connected;
    const onChange = ({ hostId }: { hostId: string }) => later(hostId);
    const onHost = ({ hostId }: HostStatus) => later(hostId);
    const onConnect = () => {
      if (seen) later(null);
      seen = true;
    };
    socket.on(event, onChange);
    socket.on(UiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    return () => {
      if (timer) clearTimeout(timer);
      socket.off(event, onChange);
      socket.off(UiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
    };
  }, [socket]);
}
