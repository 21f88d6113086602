"use client";

import { useEffect, useState } from "react";
import { HostSampleSchema, UiAckSchema, UiEvents, type HostSample } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/**
 * A host's live samples over the last `windowMs`: the server's recent window first, then every
 * new sample (one a second while watched). Resubscribes after the live link comes back.
 */
export function useHostSamples(
  hostId: string,
  windowMs = 5 * 60 * 1000,
): { samples: HostSample[]; error: string | null } {
  const { socket } = useUiSocket();
  const [samples, setSamples] = useState<HostSample[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const subscribe = () => {
      socket.emit(UiEvents.metricsSubscribe, { hostId }, (answer: unknown) => {
        const ack = UiAckSchema.safeParse(answer);
        if (!ack.success) return;
        if (!ack.data.ok) {
          setError(ack.data.error.message);
          return;
        }
        setError(null);
        setSamples(ack.data.samples ?? []);
      });
    };
    const onSample = (payload: unknown) => {
      const message = payload as { hostId?: string; sample?: unknown } | null;
      if (message?.hostId !== hostId) return;
      const sample = HostSampleSchema.safeParse(message.sample);
      if (!sample.success) return;
      setSamples((prev) => {
        const cutoff = sample.data.at - windowMs;
        return [...prev.filter((s) => s.at >= cutoff && s.at < sample.data.at), sample.data];
      });
    };
    socket.on(UiEvents.metricsSample, onSample);
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off(UiEvents.metricsSample, onSample);
      socket.off("connect", subscribe);
      socket.emit(UiEvents.metricsUnsubscribe, { hostId });
    };
  }, [socket, hostId, windowMs]);

  return { samples, error };
}
