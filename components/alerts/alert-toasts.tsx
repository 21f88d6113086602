"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { UiEvents, type AlertEventView } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** How long a toast stays. */
const TOAST_MS = 10_000;

type Toast = { key: number; trigger: "fired" | "resolved"; event: AlertEventView };

/** Alerts that reach this user in the app, as toasts linking to the alert. */
export function AlertToasts() {
  const { socket } = useUiSocket();
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    if (!socket) return;
    let next = 0;
    const onNotification = ({ trigger, event }: Omit<Toast, "key">) => {
      const key = (next += 1);
      setToasts((list) => [...list.slice(-4), { key, trigger, event }]);
      setTimeout(() => setToasts((list) => list.filter((t) => t.key !== key)), TOAST_MS);
    };
    socket.on(UiEvents.alertNotification, onNotification);
    return () => {
      socket.off(UiEvents.alertNotification, onNotification);
    };
  }, [socket]);
  return (
    <div
      role="status"
      aria-live="polite"
      className="fixed right-4 bottom-4 z-40 flex w-96 max-w-[90vw] flex-col gap-2"
    >
      {toasts.map(({ key, trigger, event }) => (
        <div
          key={key}
          className={`rounded-md border bg-white p-3 text-sm shadow-lg ${trigger === "fired" ? "border-red-300" : "border-emerald-300"}`}
          data-testid="alert-toast"
        >
          <Link href={`/alerts?event=${encodeURIComponent(event.id)}`} className="hover:underline">
            <span className="font-semibold">{trigger === "fired" ? "Firing" : "Resolved"}:</span>{" "}
            {event.ruleName} —{" "}
            {trigger === "resolved" && event.resolvedMessage
              ? event.resolvedMessage
              : event.message}
          </Link>
          <button
            type="button"
            className="float-right ml-2 text-slate-500 hover:text-slate-800"
            aria-label="Dismiss"
            onClick={() => setToasts((list) => list.filter((t) => t.key !== key))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
