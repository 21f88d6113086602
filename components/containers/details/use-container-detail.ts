"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ContainerDetail } from "@/lib/services/containers/get-container";
import { api, ApiError, errorText } from "@/components/ui/api-client";
import { useContainerFeed } from "../live";
import { containerPath } from "../urls";

/**
 * One container as the server describes it, kept live: the header is patched from engine events
 * and stats at once, the rest reloaded shortly after. `gone` says the container was removed.
 */
export function useContainerDetail(hostId: string, id: string) {
  const [detail, setDetail] = useState<ContainerDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | Error | null>(null);
  const [gone, setGone] = useState(false);
  const base = containerPath(hostId, id);

  const seen = useRef(false);
  const load = useCallback(async () => {
    try {
      const { container } = await api<{ container: ContainerDetail }>(base);
      seen.current = true;
      setDetail(container);
      setLoadError(null);
    } catch (err) {
      // A container that was here and now is not was removed; say so instead of erroring.
      if (err instanceof ApiError && err.status === 404 && seen.current) setGone(true);
      else setLoadError(err instanceof Error ? err : new Error(errorText(err)));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 300);
  }, [load]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useContainerFeed({
    onChange: (changedHost, change) => {
      if (changedHost !== hostId) return;
      if (change === null) {
        reloadSoon();
        return;
      }
      const fullId = detail?.summary.id ?? id;
      if (change.kind === "remove") {
        if (change.id === fullId || change.id.startsWith(id)) setGone(true);
        return;
      }
      if (change.container.id !== fullId && !change.container.id.startsWith(id)) return;
      setGone(false);
      setDetail((d) =>
        d
          ? {
              ...d,
              summary: {
                ...d.summary,
                ...change.container,
                cpuPercent: change.container.cpuPercent ?? d.summary.cpuPercent,
                memoryBytes: change.container.memoryBytes ?? d.summary.memoryBytes,
              },
            }
          : d,
      );
      reloadSoon();
    },
    onStats: (statsHost, items) => {
      if (statsHost !== hostId || !detail) return;
      const stat = items.find((s) => s.id === detail.summary.id);
      if (!stat) return;
      setDetail((d) => (d ? { ...d, summary: { ...d.summary, ...stat } } : d));
    },
    onHostStatus: (status) => {
      if (status.hostId !== hostId) return;
      setDetail((d) => (d ? { ...d, summary: { ...d.summary, hostOnline: status.online } } : d));
      if (status.online) reloadSoon();
    },
    onReconnect: reloadSoon,
  });

  return { detail, loadError, gone, load };
}
