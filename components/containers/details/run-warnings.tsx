"use client";

import { useEffect, useState } from "react";

/** Warnings the engine gave when this container was created (handed over by the run form). */
export function useRunWarnings(id: string): string[] {
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    try {
      const key = `berth.run-warnings.${id}`;
      const saved = sessionStorage.getItem(key);
      if (saved) {
        sessionStorage.removeItem(key);
        setWarnings(JSON.parse(saved) as string[]);
      }
    } catch {
      // no storage: nothing to show
    }
  }, [id]);
  return warnings;
}

export function RunWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="run-warnings"
    >
      <p className="font-medium">The engine warned when creating this container:</p>
      <ul className="list-disc pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
