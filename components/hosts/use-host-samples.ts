"use client";

import { useEffect, useState } from "react";
import { UiEvents, type HostSample, type UiPushPayload } from "@/lib/protocol";
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
      socket.emit(UiEvents.metricsSubscribe, { hostId }, (answer) => {
        if (!answer.ok) {
          setError(answer.error.message);
          return;
        }
        setError(null);
        setSamples(answer.samples);
      });
    };
    const onSample = ({ hostId: from, sample }: UiPushPayload<typeof UiEvents.metricsSample>) => {
      if (from !== hostId) return;
      setSamples((prev) => {
        const cutoff = sample.at - windowMs;
        return [...prev.filter((s) => s.at >= cutoff && s.at < sample.at), sample];
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
