"use client";

import { useEffect } from "react";

const REFRESH_EVERY_MS = 60_000;
const ACTIVITY = ["pointerdown", "keydown", "wheel"] as const;

/**
 * Keeps the session alive while the user is active in this tab: after activity, at most once a
 * minute, it asks next-auth for the session, which re-issues the cookie with a fresh idle window.
 * An idle tab sends nothing, so the session ends after the idle timeout.
 */
export function SessionKeeper() {
  useEffect(() => {
    let lastRefresh = Date.now();
    const onActivity = () => {
      if (Date.now() - lastRefresh < REFRESH_EVERY_MS) return;
      lastRefresh = Date.now();
      void fetch("/api/auth/session", { cache: "no-store" }).then(async (res) => {
        const session: unknown = res.ok ? await res.json() : null;
        if (!session || Object.keys(session).length === 0)
          window.location.assign("/login?error=expired");
      });
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true });
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity);
    };
  }, []);
  return null;
}
