"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { AlertEventPage } from "@/lib/services/alerts/list-alert-events";
import { api } from "@/components/ui/api-client";
import { useAlertsChanged } from "./use-alerts-changed";

/** The nav's Alerts link with the number of alerts firing that the user can see. */
export function AlertsNavLink() {
  const [firing, setFiring] = useState(0);
  const load = useCallback(() => {
    api<AlertEventPage>("/api/alerts/events?state=firing&limit=1").then(
      (page) => setFiring(page.firing),
      () => undefined,
    );
  }, []);
  useEffect(load, [load]);
  useAlertsChanged(load);
  return (
    <Link
      href="/alerts"
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800"
      data-testid="nav-alerts"
    >
      Alerts
      {firing > 0 ? (
        <>
          <span
            aria-hidden="true"
            className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
            data-testid="nav-alerts-count"
          >
            {firing}
          </span>
          <span className="sr-only">({firing} firing)</span>
        </>
      ) : null}
    </Link>
  );
}
