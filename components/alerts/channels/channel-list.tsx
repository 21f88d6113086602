"use client";

import { useState } from "react";
import type { AlertChannelView } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatRelative } from "@/components/ui/format";
import { ChannelForm, CHANNEL_TYPE_LABELS } from "./channel-form";

const STATUS_STYLE = {
  sent: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-800",
} as const;

/** What a channel's settings point at, without secrets. */
function destination(channel: AlertChannelView): string {
  const s = channel.settings as Record<string, unknown>;
  switch (channel.type) {
    case "webhook":
      return String(s.url ?? "");
    case "ntfy":
      return `${String(s.serverUrl ?? "")}/${String(s.topic ?? "")}`;
    case "email":
      return `${String(s.host ?? "")}:${String(s.port ?? "")} → ${((s.to as string[] | undefined) ?? []).join(", ")}`;
    default:
      return channel.secretsSet.includes("url") ? "URL set" : "no URL";
  }
}

/** The channels (administrators): add, edit, test and remove. */
export function ChannelList({ initial }: { initial: AlertChannelView[] }) {
  const [channels, setChannels] = useState(initial);
  const [editing, setEditing] = useState<AlertChannelView | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, { ok: boolean; message: string }>>({});
  const [testing, setTesting] = useState<string | null>(null);

  const replace = (saved: AlertChannelView) =>
    setChannels((list) =>
      [...list.filter((c) => c.id !== saved.id), saved].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );

  async function refresh(id: string) {
    const fresh = await api<AlertChannelView>(`/api/alerts/channels/${encodeURIComponent(id)}`);
    replace(fresh);
  }

  async function test(channel: AlertChannelView) {
    setTesting(channel.id);
    setError(null);
    try {
      const res = await postJson<{ ok: boolean; message: string }>(
        `/api/alerts/channels/${encodeURIComponent(channel.id)}/test`,
      );
      setAnswers((a) => ({ ...a, [channel.id]: res }));
      await refresh(channel.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setTesting(null);
    }
  }

  async function remove(channel: AlertChannelView) {
    if (
      !window.confirm(
        `Remove the channel ${channel.name}? Rules stop sending to it and its delivery log is deleted.`,
      )
    )
      return;
    try {
      await api(`/api/alerts/channels/${encodeURIComponent(channel.id)}`, { method: "DELETE" });
      setChannels((list) => list.filter((c) => c.id !== channel.id));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <p className="text-sm text-slate-600">
          Where alerts are sent. The server itself makes these requests; secrets are stored
          encrypted and never shown again.
        </p>
        <Button className="ml-auto" onClick={() => setEditing("new")}>
          Add channel
        </Button>
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {channels.length === 0 ? <p className="text-slate-500">No channels yet.</p> : null}
      <ul className="space-y-3">
        {channels.map((c) => {
          const answer = answers[c.id];
          return (
            <li
              key={c.id}
              className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="channel-row"
            >
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-semibold">{c.name}</span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                  {CHANNEL_TYPE_LABELS[c.type]}
                </span>
                {c.enabled ? null : (
                  <span className="rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-700">
                    disabled
                  </span>
                )}
                <span className="min-w-0 truncate font-mono text-xs text-slate-600">
                  {destination(c)}
                </span>
                <span className="text-xs text-slate-500">
                  {c.rules} {c.rules === 1 ? "rule" : "rules"}
                </span>
                <div className="ml-auto flex gap-2">
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => void test(c)}
                    disabled={testing === c.id}
                  >
                    Send a test
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => setEditing(c)}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="danger"
                    className="px-2 py-1 text-xs"
                    onClick={() => void remove(c)}
                  >
                    Remove
                  </Button>
                </div>
              </div>
              <p className="text-xs text-slate-600" data-testid="channel-last-delivery">
                {c.lastDelivery ? (
                  <>
                    Last delivery{" "}
                    <span
                      className={`rounded px-1.5 py-0.5 ${STATUS_STYLE[c.lastDelivery.status]}`}
                    >
                      {c.lastDelivery.status}
                    </span>{" "}
                    {formatRelative(c.lastDelivery.at)}
                    {c.lastDelivery.response ? `: ${c.lastDelivery.response.slice(0, 160)}` : ""}
                  </>
                ) : (
                  "Nothing sent yet."
                )}
              </p>
              {answer ? (
                <p
                  className={`rounded-md px-3 py-2 text-sm ${answer.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}
                  data-testid="channel-row-test-result"
                >
                  {answer.message}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editing ? (
        <ChannelForm
          existing={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            replace(saved);
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}
