"use client";

import { useEffect, useRef } from "react";

type Line = { kind: "step" | "cache" | "error" | "plain"; text: string };

function classify(text: string): Line["kind"] {
  if (/^Step \d+\/\d+ :/.test(text)) return "step";
  if (/^ ---> Using cache$/.test(text)) return "cache";
  if (/error|failed/i.test(text)) return "error";
  return "plain";
}

const STYLE: Record<Line["kind"], string> = {
  step: "font-semibold text-sky-300",
  cache: "text-emerald-300",
  error: "text-red-300",
  plain: "text-slate-200",
};

/** The engine's build output with each step and every cache hit picked out (as text, not HTML). */
export function BuildLog({ text }: { text: string }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [text]);
  const lines = text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
  return (
    <div
      className="h-80 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5"
      data-testid="build-output"
    >
      {lines.length === 0 ? <p className="text-slate-400">Waiting for the engine…</p> : null}
      {lines.map((line, i) => {
        const kind = classify(line);
        return (
          <div
            key={i}
            className={`whitespace-pre-wrap ${STYLE[kind]}`}
            data-testid={
              kind === "step" ? "build-step" : kind === "cache" ? "build-cache-hit" : undefined
            }
          >
            {kind === "cache" ? "✓ " : ""}
            {line}
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
