"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError } from "@/components/ui/api-client";

/**
 * Runs one API call for a form or button: tracks busy state, keeps the server's error (shown
 * next to its field when it names one) and refreshes the page's server data on success.
 */
export function useMutation() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      router.refresh();
      return result;
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(err instanceof Error ? err.message : String(err), "ERROR", 0),
      );
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return {
    run,
    busy,
    reset: () => setError(null),
    /** The error for one field, if the server named it. */
    fieldError: (field: string) => (error?.field === field ? error.message : undefined),
    /** Any error not shown next to a field. */
    formError: (fields: readonly string[] = []) =>
      error && !(error.field && fields.includes(error.field)) ? error.message : undefined,
  };
}
