"use client";

import { useEffect, useId } from "react";

/** A modal panel over the page; Escape or the backdrop closes it unless it is busy. */
export function Dialog({
  title,
  onClose,
  busy = false,
  children,
  testId,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  busy?: boolean;
  children: React.ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !busy) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, onClose]);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid={testId}
      className="fixed inset-0 z-30 flex items-center justify-center bg-slate-900/40 p-4"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !busy) onClose();
      }}
    >
      <div
        className={`max-h-[90vh] w-full ${wide ? "max-w-3xl" : "max-w-lg"} space-y-4 overflow-y-auto rounded-lg bg-white p-6 shadow-xl`}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
