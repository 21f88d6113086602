"use client";

import { useEffect, useRef } from "react";
import {
  ContainerChangeSchema,
  ContainerStatsItemSchema,
  HostStatusSchema,
  UiEvents,
  type ContainerChange,
  type HostStatus,
} from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";
import { z } from "zod";

/** /ui events about containers (server → browser). */
export const ContainerUiEvents = {
  changed: UiEvents.containersChanged,
  stats: UiEvents.containerStats,
  hostStatus: UiEvents.hostStatus,
  progress: UiEvents.commandProgress,
} as const;

const ChangedSchema = z.object({ hostId: z.string(), change: z.unknown() });
const StatsSchema = z.object({ hostId: z.string(), items: z.array(ContainerStatsItemSchema) });
export type StatsItem = z.infer<typeof ContainerStatsItemSchema>;

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
    const onChanged = (payload: unknown) => {
      const parsed = ChangedSchema.safeParse(payload);
      if (!parsed.success) return;
      const change = ContainerChangeSchema.safeParse(parsed.data.change);
      ref.current.onChange?.(parsed.data.hostId, change.success ? change.data : null);
    };
    const onStats = (payload: unknown) => {
      const parsed = StatsSchema.safeParse(payload);
      if (parsed.success) ref.current.onStats?.(parsed.data.hostId, parsed.data.items);
    };
    const onHost = (payload: unknown) => {
      const parsed = HostStatusSchema.safeParse(payload);
      if (parsed.success) ref.current.onHostStatus?.(parsed.data);
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
    socket.on(ContainerUiEvents.changed, onChanged);
    socket.on(ContainerUiEvents.stats, onStats);
    socket.on(ContainerUiEvents.hostStatus, onHost);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off(ContainerUiEvents.changed, onChanged);
      socket.off(ContainerUiEvents.stats, onStats);
      socket.off(ContainerUiEvents.hostStatus, onHost);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
    };
  }, [socket]);
}
