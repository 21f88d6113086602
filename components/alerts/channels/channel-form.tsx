"use client";

import { useState } from "react";
import type { AlertChannelType, AlertChannelView } from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { ApiError, api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Checkbox, SelectField, TextAreaField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

export const CHANNEL_TYPE_LABELS: Record<AlertChannelType, string> = {
  webhook: "Webhook (JSON, signed)",
  slack: "Slack-compatible webhook",
  discord: "Discord-compatible webhook",
  ntfy: "ntfy push",
  email: "Email (SMTP)",
};

type TestAnswer = { ok: boolean; message: string };

/** The form's values, all text; turned into the type's settings on save or test. */
type Values = {
  url: string;
  secret: string;
  serverUrl: string;
  topic: string;
  token: string;
  host: string;
  port: string;
  security: string;
  username: string;
  password: string;
  from: string;
  to: string;
};

function initialValues(existing: AlertChannelView | null): Values {
  const s = (existing?.settings ?? {}) as Record<string, unknown>;
  const text = (key: string, fallback = "") =>
    typeof s[key] === "string" || typeof s[key] === "number" ? String(s[key]) : fallback;
  return {
    url: text("url"),
    secret: "",
    serverUrl: text("serverUrl", "https://ntfy.sh"),
    topic: text("topic"),
    token: "",
    host: text("host"),
    port: text("port", "587"),
    security: text("security", "starttls"),
    username: text("username"),
    password: "",
    from: text("from"),
    to: Array.isArray(s.to) ? (s.to as string[]).join("\n") : "",
  };
}

/** The settings for the API: a secret field left empty is left out (keep the stored one). */
function settingsOf(type: AlertChannelType, v: Values): Record<string, unknown> {
  const secret = (value: string) => (value ? value : undefined);
  switch (type) {
    case "webhook":
      return { type, url: v.url, secret: secret(v.secret) };
    case "slack":
    case "discord":
      return { type, url: secret(v.url) };
    case "ntfy":
      return { type, serverUrl: v.serverUrl, topic: v.topic, token: secret(v.token) };
    case "email":
      return {
        type,
        host: v.host,
        port: Number(v.port),
        security: v.security,
        username: v.username || undefined,
        password: secret(v.password),
        from: v.from,
        to: v.to
          .split(/[\s,;]+/)
          .map((a) => a.trim())
          .filter(Boolean),
      };
  }
}

/** Add or edit a channel; stored secrets are never shown, only whether each is set. */
export function ChannelForm({
  existing,
  onClose,
  onSaved,
}: {
  existing: AlertChannelView | null;
  onClose: () => void;
  onSaved: (channel: AlertChannelView) => void;
}) {
  const [name, setName] = useState(existing?.name ?? "");
  const [type, setType] = useState<AlertChannelType>(existing?.type ?? "webhook");
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [values, setValues] = useState<Values>(() => initialValues(existing));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<TestAnswer | null>(null);

  // secrets are kept only while the type stays the one saved
  const isSet = (field: string) =>
    existing !== null && existing.type === type && existing.secretsSet.includes(field);
  const keepHint = (field: string) => (isSet(field) ? "Set — leave empty to keep" : "");
  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const fieldError = (key: string) => fieldErrors[`settings.${key}`];

  function fail(err: unknown) {
    if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: err.message });
    else setError(errorText(err));
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setAnswer(null);
    try {
      await action();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const test = () =>
    run(async () => {
      const res = await postJson<TestAnswer>("/api/alerts/channels/test", {
        name,
        settings: settingsOf(type, values),
        ...(existing ? { channelId: existing.id } : {}),
      });
      setAnswer(res);
    });

  const save = () =>
    run(async () => {
      const body = { name, enabled, settings: settingsOf(type, values) };
      const saved = existing
        ? await api<AlertChannelView>(`/api/alerts/channels/${encodeURIComponent(existing.id)}`, {
            method: "PATCH",
            json: body,
          })
        : await postJson<AlertChannelView>("/api/alerts/channels", body);
      onSaved(saved);
    });

  return (
    <Dialog
      title={existing ? `Edit ${existing.name}` : "Add a channel"}
      onClose={onClose}
      busy={busy}
      testId="channel-form"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field
          id="channel-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          required
        />
        <SelectField
          id="channel-type"
          label="Type"
          value={type}
          onChange={(e) => setType(e.target.value as AlertChannelType)}
        >
          {Object.entries(CHANNEL_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {type === "webhook" ? (
          <>
            <Field
              id="channel-url"
              label="URL"
              placeholder="https://example.com/berth-hook"
              value={values.url}
              onChange={set("url")}
              error={fieldError("url")}
            />
            <Field
              id="channel-secret"
              label="Signing secret (optional: signs the body in X-Berth-Signature)"
              type="password"
              autoComplete="new-password"
              placeholder={keepHint("secret")}
              value={values.secret}
              onChange={set("secret")}
              error={fieldError("secret")}
            />
          </>
        ) : null}
        {type === "slack" || type === "discord" ? (
          <Field
            id="channel-url"
            label="Incoming webhook URL (kept secret)"
            type="password"
            autoComplete="off"
            placeholder={keepHint("url")}
            value={values.url}
            onChange={set("url")}
            error={fieldError("url")}
          />
        ) : null}
        {type === "ntfy" ? (
          <>
            <Field
              id="channel-server-url"
              label="Server"
              value={values.serverUrl}
              onChange={set("serverUrl")}
              error={fieldError("serverUrl")}
            />
            <Field
              id="channel-topic"
              label="Topic"
              value={values.topic}
              onChange={set("topic")}
              error={fieldError("topic")}
            />
            <Field
              id="channel-token"
              label="Access token (optional)"
              type="password"
              autoComplete="new-password"
              placeholder={keepHint("token")}
              value={values.token}
              onChange={set("token")}
              error={fieldError("token")}
            />
          </>
        ) : null}
        {type === "email" ? (
          <>
            <div className="grid grid-cols-3 gap-3">
              <div className="col-span-2">
                <Field
                  id="channel-host"
                  label="SMTP server"
                  value={values.host}
                  onChange={set("host")}
                  error={fieldError("host")}
                />
              </div>
              <Field
                id="channel-port"
                label="Port"
                inputMode="numeric"
                value={values.port}
                onChange={set("port")}
                error={fieldError("port")}
              />
            </div>
            <SelectField
              id="channel-security"
              label="Security"
              value={values.security}
              onChange={set("security")}
            >
              <option value="starttls">STARTTLS (required)</option>
              <option value="tls">TLS from the start (port 465)</option>
              <option value="none">None (a relay on a trusted network)</option>
            </SelectField>
            <Field
              id="channel-username"
              label="User name (optional)"
              autoComplete="off"
              value={values.username}
              onChange={set("username")}
              error={fieldError("username")}
            />
            <Field
              id="channel-password"
              label="Password"
              type="password"
              autoComplete="new-password"
              placeholder={keepHint("password")}
              value={values.password}
              onChange={set("password")}
              error={fieldError("password")}
            />
            <Field
              id="channel-from"
              label="From"
              value={values.from}
              onChange={set("from")}
              error={fieldError("from")}
            />
            <TextAreaField
              id="channel-to"
              label="To (one address a line)"
              rows={3}
              value={values.to}
              onChange={set("to")}
              error={fieldErrors["settings.to"] ?? fieldErrors["settings.to.0"]}
            />
          </>
        ) : null}
        <Checkbox
          id="channel-enabled"
          label="Enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        {answer?.ok ? (
          <SuccessMessage testId="channel-test-result">{answer.message}</SuccessMessage>
        ) : null}
        {answer && !answer.ok ? (
          <p
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
            data-testid="channel-test-result"
          >
            {answer.message}
          </p>
        ) : null}
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="button" variant="secondary" onClick={() => void test()} disabled={busy}>
            Send a test
          </Button>
          <Button type="submit" disabled={busy}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
