"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorText } from "@/components/ui/api-client";

/** A JSON resource fetched when enabled, with a way to fetch it again. */
export function useLoad<T>(url: string, enabled: boolean) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await api<T>(url));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [url]);
  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  return { data, error, loading, load };
}
