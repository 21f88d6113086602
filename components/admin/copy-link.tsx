"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A one-time link shown once, with the reminder that Berth sends no email. */
export function CopyLink({
  url,
  expiresAt,
  recipient,
}: {
  url: string;
  expiresAt: string;
  recipient: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2" data-testid="one-time-link">
      <p className="text-sm text-slate-600">
        Berth does not send email: copy this link and pass it to <strong>{recipient}</strong>{" "}
        yourself. It works once, until {new Date(expiresAt).toLocaleString()}, and is not shown
        again.
      </p>
      <pre
        data-testid="link-url"
        className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
      >
        {url}
      </pre>
      <Button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
      >
        {copied ? "Copied" : "Copy link"}
      </Button>
    </div>
  );
}
