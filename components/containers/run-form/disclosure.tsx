"use client";

import { useState, type ReactNode } from "react";

/**
 * Open or closed as the user leaves it, and opened whenever it comes to hold a value (a pasted
 * line, Edit or Duplicate fill it). An error inside opens it too: the form sets `open` on the
 * element, and the toggle event brings the state along.
 */
function useAutoOpen(filled: boolean) {
  const [open, setOpen] = useState(filled);
  const [wasFilled, setWasFilled] = useState(filled);
  if (filled !== wasFilled) {
    setWasFilled(filled);
    if (filled) setOpen(true);
  }
  return {
    open,
    onToggle: (e: React.SyntheticEvent<HTMLDetailsElement>) => setOpen(e.currentTarget.open),
  };
}

function InUse({ filled }: { filled: boolean }) {
  return filled ? (
    <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800">set</span>
  ) : null;
}

/** A card of options most containers do not need: only its title shows until it is opened. */
export function CollapsibleCard({
  title,
  hint,
  filled,
  testId,
  children,
}: {
  title: string;
  /** What is inside, on the closed card's title line. */
  hint: string;
  filled: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { open, onToggle } = useAutoOpen(filled);
  return (
    <details
      open={open}
      onToggle={onToggle}
      data-testid={testId}
      className="group rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 text-sm">
        <span className="text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
          ▸
        </span>
        <h2 className="font-semibold text-slate-700">{title}</h2>
        <InUse filled={filled} />
        <span className="ml-auto text-xs text-slate-500 group-open:hidden">{hint}</span>
      </summary>
      <div className="border-t border-slate-100 p-4">{children}</div>
    </details>
  );
}

/** Further options inside a card, closed until wanted. */
export function MoreOptions({
  title,
  filled,
  testId,
  children,
}: {
  title: string;
  filled: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { open, onToggle } = useAutoOpen(filled);
  return (
    <details
      open={open}
      onToggle={onToggle}
      data-testid={testId}
      className="group rounded-md border border-slate-200"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-sm font-medium text-slate-700">
        <span className="text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
          ▸
        </span>
        {title}
        <InUse filled={filled} />
      </summary>
      <div className="space-y-4 border-t border-slate-100 p-3">{children}</div>
    </details>
  );
}
