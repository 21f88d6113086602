"use client";

import { useState } from "react";
import type { ImageUpdateView } from "@/lib/protocol";
import { Button } from "@/components/ui/button";
import { errorText, postJson } from "@/components/ui/api-client";

type CheckResult = { checks: ImageUpdateView[]; failed: Array<{ hostId: string; error: string }> };

/** What a check found, in one sentence. */
function summary({ checks, failed }: CheckResult): string {
  const available = checks.filter((c) => c.status === "update_available").length;
  const errors = checks.filter((c) => c.status === "error");
  const parts = [
    available === 0
      ? `All ${checks.length} checked image${checks.length === 1 ? " is" : "s are"} up to date or built locally.`
      : `${available} image${available === 1 ? " has" : "s have"} an update available.`,
  ];
  if (errors.length > 0) parts.push(`${errors[0]!.imageRef}: ${errors[0]!.error ?? "error"}.`);
  if (failed.length > 0) parts.push(`${failed.length} host(s) could not be checked.`);
  return parts.join(" ");
}

/** "Check for updates now": asks the registries (of one host, or every host the user may pull on). */
export function CheckNowButton({
  hostId,
  onChecked,
  onError,
}: {
  hostId?: string;
  onChecked: (message: string) => void;
  onError: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      disabled={busy}
      data-testid="check-updates"
      onClick={() => {
        setBusy(true);
        postJson<CheckResult>("/api/image-updates/check", hostId ? { hostId } : {})
          .then((result) => onChecked(summary(result)))
          .catch((err: unknown) => onError(errorText(err)))
          .finally(() => setBusy(false));
      }}
    >
      {busy ? "Checking…" : "Check for updates now"}
    </Button>
  );
}
