"use client";

import { useEffect, useRef } from "react";
import {
  UiEvents,
  type ContainerChange,
  type ContainerStatsItem,
  type HostStatus,
  type UiPushPayload,
} from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

export type StatsItem = ContainerStatsItem;

export type ContainerFeedHandlers = {
  /** `change` is null for a whole-host refresh (a snapshot after the agent reconnected). */
  onChange?: (hostId: string, change: ContainerChange | null) => void;
  onStats?: (hostId: string, items: StatsItem[]) => void;
  onHostStatus?: (status: HostStatus) => void;
  /** The link came back after a drop: whatever was shown may be stale. */
  onReconnect?: () => void;
};

/** Subscribes to live container events on the shared /ui socket; handlers may change freely. */
export function useContainerFeed(handlers: ContainerFeedHandlers): void {
  const { socket } = useUiSocket();
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!socket) return;
    let up = socket.connected;
    let seen = socket.connected;
    const onChanged = ({ hostId, change }: UiPushPayload<typeof UiEvents.containersChanged>) => {
      ref.current.onChange?.(hostId, change.kind === "snapshot" ? null : change);
    };
    const onStats = ({ hostId, items }: UiPushPayload<typeof UiEvents.containerStats>) => {
      ref.current.onStats?.(hostId, items);
    };
    const onHost = (status: HostStatus) => {
      ref.current.onHostStatus?.(status);
    };
    const onConnect = () => {
      if (up) return;
      up = true;
      if (seen) ref.current.onReconnect?.();
      seen = true;
    };
    const onDisconnect = () => {
      up = false;
    };
    socket.on(UiEvents.containersChanged, onChanged);
    socket.on(UiEvents.containerStats, onStats);
    socket.on(UiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off(UiEvents.containersChanged, onChanged);
      socket.off(UiEvents.containerStats, onStats);
      socket.off(UiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
    };
  }, [socket]);
}
