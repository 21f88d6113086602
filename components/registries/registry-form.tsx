"use client";

import { useState } from "react";
import {
  defaultEcrEndpoint,
  ecrRegionOf,
  REGISTRY_KINDS,
  REGISTRY_KIND_LABELS,
  type RegistryInput,
  type RegistryKindName,
  type RegistryView,
} from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ApiError, api, errorText, postJson } from "@/components/ui/api-client";

const URL_HINTS: Record<RegistryKindName, string> = {
  DOCKER_HUB: "",
  V2_BASIC: "https://registry.example.com:5000",
  V2_TOKEN: "https://registry.example.com",
  ACR: "https://myregistry.azurecr.io",
  ECR: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
};

/** The region an ECR address names, for the region field's hint. */
function regionHint(url: string): string | null {
  try {
    return ecrRegionOf(new URL(url).host);
  } catch {
    return null;
  }
}

/** Add or edit a registry; the stored password is never shown, only whether one is set. */
export function RegistryForm({
  existing,
  onClose,
  onSaved,
}: {
  existing: RegistryView | null;
  onClose: () => void;
  onSaved: (registry: RegistryView) => void;
}) {
  const [name, setName] = useState(existing?.name ?? "");
  const [kind, setKind] = useState<RegistryKindName>(existing?.kind ?? "V2_BASIC");
  const [url, setUrl] = useState(existing && existing.kind !== "DOCKER_HUB" ? existing.url : "");
  const [username, setUsername] = useState(existing?.username ?? "");
  const [password, setPassword] = useState("");
  const [clearPassword, setClearPassword] = useState(false);
  const [region, setRegion] = useState(existing?.region ?? "");
  const [apiEndpoint, setApiEndpoint] = useState(existing?.apiEndpoint ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<string | null>(null);

  const input = (): RegistryInput => ({
    name,
    kind,
    ...(kind !== "DOCKER_HUB" ? { url } : {}),
    username,
    ...(password ? { password } : {}),
    clearPassword: kind !== "ECR" && clearPassword,
    ...(kind === "ECR" ? { region, apiEndpoint } : {}),
  });
  const ecr = kind === "ECR";
  const addressRegion = ecr ? regionHint(url) : null;
  const effectiveRegion = region.trim() || addressRegion;

  function fail(err: unknown) {
    if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: err.message });
    else setError(errorText(err));
  }

  async function test() {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setTested(null);
    try {
      const res = await postJson<{ message: string }>("/api/registries/test", {
        registry: input(),
        ...(existing ? { registryId: existing.id } : {}),
      });
      setTested(res.message);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const saved = existing
        ? await api<RegistryView>(`/api/registries/${encodeURIComponent(existing.id)}`, {
            method: "PUT",
            json: input(),
          })
        : await postJson<RegistryView>("/api/registries", input());
      onSaved(saved);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={existing ? `Edit ${existing.name}` : "Add a registry"}
      onClose={onClose}
      busy={busy}
      testId="registry-form"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field
          id="registry-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          required
        />
        <SelectField
          id="registry-kind"
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as RegistryKindName)}
        >
          {REGISTRY_KINDS.map((k) => (
            <option key={k} value={k}>
              {REGISTRY_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {kind !== "DOCKER_HUB" ? (
          <Field
            id="registry-url"
            label="Address"
            placeholder={URL_HINTS[kind]}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fieldErrors.url}
          />
        ) : null}
        {ecr ? (
          <Field
            id="registry-region"
            label="AWS region"
            placeholder={addressRegion ? `${addressRegion} (from the address)` : "eu-west-1"}
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            error={fieldErrors.region}
          />
        ) : null}
        <Field
          id="registry-username"
          label={
            ecr
              ? "Access key id"
              : kind === "ACR"
                ? "User name (service principal id or admin user)"
                : "User name"
          }
          value={username}
          autoComplete="off"
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
        />
        <Field
          id="registry-password"
          label={
            ecr
              ? "Secret access key"
              : kind === "DOCKER_HUB"
                ? "Password or access token"
                : "Password"
          }
          type="password"
          autoComplete="new-password"
          placeholder={
            existing?.passwordSet
              ? ecr
                ? "Secret set: leave empty to keep it"
                : "Password set: leave empty to keep it"
              : ""
          }
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        {ecr ? (
          <Field
            id="registry-api-endpoint"
            label="ECR API endpoint (optional: VPC or FIPS endpoint)"
            placeholder={
              effectiveRegion
                ? defaultEcrEndpoint(effectiveRegion)
                : "https://api.ecr.<region>.amazonaws.com"
            }
            value={apiEndpoint}
            onChange={(e) => setApiEndpoint(e.target.value)}
            error={fieldErrors.apiEndpoint}
          />
        ) : null}
        {existing?.passwordSet && !ecr ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={clearPassword}
              onChange={(e) => setClearPassword(e.target.checked)}
            />
            Forget the stored password
          </label>
        ) : null}
        {tested ? <SuccessMessage testId="registry-test-ok">{tested}</SuccessMessage> : null}
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="button" variant="secondary" onClick={() => void test()} disabled={busy}>
            Test connection
          </Button>
          <Button type="submit" disabled={busy}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
