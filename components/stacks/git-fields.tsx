"use client";

import { SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import type { GitSourceBody } from "./api";

/** The git source as typed: numbers and secrets still text. */
export type GitForm = {
  url: string;
  branch: string;
  path: string;
  auth: GitSourceBody["auth"];
  secret: string;
  knownHost: string;
  pollSeconds: string;
};

export const EMPTY_GIT_FORM: GitForm = {
  url: "",
  branch: "main",
  path: "compose.yaml",
  auth: "none",
  secret: "",
  knownHost: "",
  pollSeconds: "",
};

export type GitFormErrors = Partial<Record<keyof GitForm, string>>;

/**
 * The body's git source, or the fields' errors. `keepSecret`: editing a stack whose secret is
 * stored, so an empty secret keeps it.
 */
export function gitBodyOf(
  form: GitForm,
  keepSecret = false,
): { body: GitSourceBody } | { errors: GitFormErrors } {
  const errors: GitFormErrors = {};
  const url = form.url.trim();
  if (!/^(https?:\/\/|ssh:\/\/|[\w.-]+@[\w.-]+:)/.test(url))
    errors.url = "Give an https:// or ssh address (git@host:owner/repo.git).";
  if (!form.branch.trim()) errors.branch = "Give the branch to deploy.";
  if (!form.path.trim()) errors.path = "Give the compose file's path in the repository.";
  if (form.auth !== "none" && !form.secret.trim() && !keepSecret)
    errors.secret = form.auth === "token" ? "Give the access token." : "Paste the private key.";
  const poll = form.pollSeconds.trim();
  if (poll && !(/^\d+$/.test(poll) && Number(poll) >= 60 && Number(poll) <= 86_400))
    errors.pollSeconds =
      "Poll every 60 seconds to once a day (86400), or leave empty for the webhook only.";
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      url,
      branch: form.branch.trim(),
      path: form.path.trim(),
      auth: form.auth,
      pollSeconds: poll ? Number(poll) : null,
      ...(form.auth !== "none" && form.secret.trim() ? { secret: form.secret } : {}),
      ...(form.auth === "ssh" && form.knownHost.trim() ? { knownHost: form.knownHost.trim() } : {}),
    },
  };
}

/** Repository, branch, compose path, how to sign in, and how often to look for new commits. */
export function GitFields({
  form,
  onChange,
  errors,
  secretStored = false,
}: {
  form: GitForm;
  onChange: (form: GitForm) => void;
  errors: GitFormErrors;
  /** Editing: a token or key is stored already and is never shown. */
  secretStored?: boolean;
}) {
  const set = <K extends keyof GitForm>(key: K, value: GitForm[K]) =>
    onChange({ ...form, [key]: value });
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="git-fields">
      <div className="md:col-span-2">
        <Field
          id="git-url"
          label="Repository URL"
          placeholder="https://git.example.com/team/app.git"
          value={form.url}
          error={errors.url}
          onChange={(e) => set("url", e.target.value)}
        />
      </div>
      <Field
        id="git-branch"
        label="Branch"
        value={form.branch}
        error={errors.branch}
        onChange={(e) => set("branch", e.target.value)}
      />
      <Field
        id="git-path"
        label="Compose file path"
        value={form.path}
        error={errors.path}
        onChange={(e) => set("path", e.target.value)}
      />
      <SelectField
        id="git-auth"
        label="Authentication"
        value={form.auth}
        onChange={(e) => set("auth", e.target.value as GitForm["auth"])}
      >
        <option value="none">None (public repository)</option>
        <option value="token">HTTPS access token</option>
        <option value="ssh">SSH private key</option>
      </SelectField>
      <Field
        id="git-poll"
        label="Poll interval in seconds (empty: webhook only)"
        inputMode="numeric"
        value={form.pollSeconds}
        error={errors.pollSeconds}
        onChange={(e) => set("pollSeconds", e.target.value)}
      />
      {form.auth === "token" ? (
        <div className="md:col-span-2">
          <Field
            id="git-token"
            label={secretStored ? "Access token (empty keeps the stored one)" : "Access token"}
            type="password"
            autoComplete="off"
            value={form.secret}
            error={errors.secret}
            onChange={(e) => set("secret", e.target.value)}
          />
        </div>
      ) : null}
      {form.auth === "ssh" ? (
        <div className="md:col-span-2">
          <TextAreaField
            id="git-key"
            label={secretStored ? "Private key (empty keeps the stored one)" : "Private key"}
            rows={5}
            autoComplete="off"
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            value={form.secret}
            error={errors.secret}
            onChange={(e) => set("secret", e.target.value)}
          />
          <Field
            id="git-known-host"
            label="Server's host key (optional; pins the server)"
            placeholder="ssh-ed25519 AAAA…"
            autoComplete="off"
            value={form.knownHost}
            onChange={(e) => set("knownHost", e.target.value)}
          />
        </div>
      ) : null}
      <p className="text-xs text-slate-500 md:col-span-2">
        The token or key is stored encrypted and never shown again.
      </p>
    </div>
  );
}
