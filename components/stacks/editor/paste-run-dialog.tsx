"use client";

import { useMemo, useState } from "react";
import { stringify } from "yaml";
import { appendService, serviceNames } from "@/lib/compose/append-service";
import { serviceFromRunSpec } from "@/lib/compose/service-from-run-spec";
import { parseDockerRun } from "@/lib/containers/parse-docker-run";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";

/**
 * Reads a pasted `docker run …` line into a compose service, shows it and what it leaves out,
 * and hands the compose file back with the service appended.
 */
export function PasteRunDialog({
  compose,
  onAdd,
  onClose,
}: {
  /** The text of the compose file the service goes into. */
  compose: string;
  onAdd: (text: string, service: string) => void;
  onClose: () => void;
}) {
  const [line, setLine] = useState("");
  const [error, setError] = useState<string | null>(null);

  const read = useMemo(() => {
    if (!line.trim()) return null;
    const parsed = parseDockerRun(line);
    if (parsed.errors.length > 0 || !parsed.spec.image) return { parsed, added: null };
    return { parsed, added: serviceFromRunSpec(parsed.spec, serviceNames(compose)) };
  }, [line, compose]);

  const add = () => {
    if (!read?.added) return;
    const out = appendService(compose, read.added);
    if ("error" in out) setError(out.error);
    else onAdd(out.text, read.added.name);
  };

  const left = read ? [...read.parsed.unknownFlags, ...(read.added?.notCarried ?? [])] : [];

  return (
    <Dialog title="Paste a docker run line" onClose={onClose} testId="paste-run-dialog" wide>
      <TextAreaField
        id="paste-run-line"
        label="docker run command"
        rows={4}
        placeholder="docker run -d --name web -p 8080:80 nginx:alpine"
        value={line}
        onChange={(e) => {
          setLine(e.target.value);
          setError(null);
        }}
      />
      {read && read.parsed.errors.length > 0 ? (
        <ul
          className="list-disc space-y-0.5 pl-5 text-sm text-red-700"
          data-testid="paste-run-errors"
        >
          {read.parsed.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
          {!read.parsed.spec.image ? <li>The line names no image.</li> : null}
        </ul>
      ) : null}
      {read?.added ? (
        <div className="space-y-1">
          <p className="text-sm text-slate-700">
            Adds the service <span className="font-mono">{read.added.name}</span>:
          </p>
          <pre
            className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 text-xs"
            data-testid="paste-run-preview"
          >
            {stringify({ [read.added.name]: read.added.service })}
          </pre>
        </div>
      ) : null}
      {left.length > 0 ? (
        <div className="text-sm text-amber-800">
          <p>Left out:</p>
          <ul className="list-disc pl-5">
            {left.map((l, i) => (
              <li key={i} className="font-mono text-xs">
                {l}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={add} disabled={!read?.added}>
          Add service
        </Button>
      </div>
    </Dialog>
  );
}
