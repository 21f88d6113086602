"use client";

import { useState } from "react";
import { parseDockerRun } from "@/lib/containers/parse-docker-run";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/controls";
import { ParseReport } from "./parse-report";
import { formFromSpec, type RunForm } from "./run-form-model";

/** A pasted `docker run …` line fills the form; a paste into the empty box fills it at once. */
export function PasteRunLine({ onFill }: { onFill: (form: RunForm) => void }) {
  const [runLine, setRunLine] = useState("");
  const [parseReport, setParseReport] = useState<{
    unknownFlags: string[];
    ignoredFlags: string[];
    errors: string[];
  } | null>(null);
  const applyRunLine = (line: string) => {
    if (!line.trim()) return;
    const parsed = parseDockerRun(line);
    onFill(formFromSpec(parsed.spec));
    setParseReport({
      unknownFlags: parsed.unknownFlags,
      ignoredFlags: parsed.ignoredFlags,
      errors: parsed.errors,
    });
  };
  return (
    <Card title="Paste a docker run line">
      <div className="space-y-2" data-testid="docker-run-paste">
        <TextAreaField
          id="docker-run-line"
          label="docker run …"
          rows={3}
          value={runLine}
          placeholder="docker run -d --name web -p 8080:80 -e MODE=prod nginx:alpine"
          onChange={(e) => setRunLine(e.target.value)}
          onPaste={(e) => {
            const text = e.clipboardData.getData("text");
            if (text && !runLine.trim()) {
              e.preventDefault();
              setRunLine(text);
              applyRunLine(text);
            }
          }}
        />
        <div className="flex items-center gap-3">
          <Button
            type="button"
            variant="secondary"
            onClick={() => applyRunLine(runLine)}
            disabled={!runLine.trim()}
            data-testid="docker-run-apply"
          >
            Fill the form
          </Button>
          <span className="text-xs text-slate-500">Replaces what the form holds now.</span>
        </div>
        {parseReport ? <ParseReport report={parseReport} /> : null}
      </div>
    </Card>
  );
}
