"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { JsonTree } from "@/components/ui/json-tree";
import type { Json } from "../inspect-values";

export function InspectTab({ inspect }: { inspect: Json }) {
  const [copied, setCopied] = useState(false);
  const text = JSON.stringify(inspect, null, 2);
  return (
    <Card
      title="Inspect"
      actions={
        <Button
          variant="secondary"
          data-testid="inspect-copy"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? "Copied" : "Copy JSON"}
        </Button>
      }
    >
      <p className="mb-2 text-xs text-slate-500">Secret-looking environment values are masked.</p>
      <JsonTree value={inspect} />
    </Card>
  );
}
