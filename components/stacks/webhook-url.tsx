"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The secret URL a git server calls to redeploy the stack; anyone with it can redeploy. */
export function WebhookUrl({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div className="space-y-2" data-testid="webhook-url">
      <p className="text-sm text-slate-600">
        Add this URL as a push webhook (POST) in the repository: each push redeploys the stack. Keep
        it secret; regenerate it if it leaks.
      </p>
      <pre className="rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs break-all whitespace-pre-wrap text-emerald-200">
        {url}
      </pre>
      <Button
        type="button"
        variant="secondary"
        onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
      >
        {copied ? "Copied" : "Copy URL"}
      </Button>
    </div>
  );
}
