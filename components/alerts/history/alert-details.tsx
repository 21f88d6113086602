"use client";

import { useCallback, useEffect, useState } from "react";
import type { AlertEventView } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import { KIND_WORDS } from "../alert-words";
import { SeverityBadge } from "../severity-badge";
import { SilencePicker } from "../silence-picker";

const eventApi = (id: string, silence = false) =>
  `/api/alerts/events/${encodeURIComponent(id)}${silence ? "/silence" : ""}`;

/** A detail value as text: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One alert: what fired, its facts, its deliveries, silencing. */
export function AlertDetails({
  eventId,
  canSilence,
  onClose,
  onChanged,
}: {
  eventId: string;
  canSilence: (event: AlertEventView) => boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [event, setEvent] = useState<AlertEventView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api<AlertEventView>(eventApi(eventId)).then(
      (e) => {
        setEvent(e);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [eventId]);
  useEffect(load, [load]);

  async function act(call: () => Promise<AlertEventView>) {
    setBusy(true);
    setError(null);
    try {
      setEvent(await call());
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Alert" onClose={onClose} busy={busy} testId="alert-details" wide>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {event ? (
        <div className="space-y-4 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={event.severity} />
            <span className="font-medium">{event.ruleName}</span>
            <span className="text-slate-500">{KIND_WORDS[event.kind]}</span>
          </div>
          <p data-testid="alert-message">{event.message}</p>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">Host</dt>
            <dd>{event.hostName ?? "—"}</dd>
            <dt className="text-slate-500">Container</dt>
            <dd>{event.containerName ?? "—"}</dd>
            <dt className="text-slate-500">Fired</dt>
            <dd>{formatDateTime(event.firedAt)}</dd>
            <dt className="text-slate-500">Resolved</dt>
            <dd>
              {event.resolvedAt
                ? `${formatDateTime(event.resolvedAt)}${event.resolvedMessage ? ` — ${event.resolvedMessage}` : ""}`
                : "still firing"}
            </dd>
            {event.silenced ? (
              <>
                <dt className="text-slate-500">Notifications</dt>
                <dd>not sent: it fired while silenced</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Deliveries</dt>
            <dd data-testid="alert-deliveries">
              {event.deliveries.sent} sent, {event.deliveries.failed} failed,{" "}
              {event.deliveries.pending} pending
            </dd>
          </dl>
          {Object.keys(event.details).length > 0 ? (
            <div>
              <h3 className="mb-1 font-medium text-slate-700">Details</h3>
              <dl
                className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 font-[family-name:var(--font-geist-mono)] text-xs"
                data-testid="alert-facts"
              >
                {Object.entries(event.details).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-slate-500">{key}</dt>
                    <dd className="break-all">{asText(value)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
          {event.silencedUntil ? (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 p-3">
              <span data-testid="alert-silenced">
                Silenced until {formatDateTime(event.silencedUntil)}
                {event.silencedBy ? ` by ${event.silencedBy}` : ""}
              </span>
              {canSilence(event) ? (
                <Button
                  variant="secondary"
                  disabled={busy}
                  onClick={() =>
                    void act(() => api(eventApi(event.id, true), { method: "DELETE" }))
                  }
                >
                  Unsilence
                </Button>
              ) : null}
            </div>
          ) : canSilence(event) ? (
            <SilencePicker
              busy={busy}
              onSilence={(minutes, reason) =>
                void act(() =>
                  api(eventApi(event.id, true), {
                    method: "POST",
                    json: { minutes, ...(reason.trim() ? { reason } : {}) },
                  }),
                )
              }
            />
          ) : null}
        </div>
      ) : !error ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : null}
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
