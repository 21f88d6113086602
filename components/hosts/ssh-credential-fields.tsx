"use client";

import { Field } from "@/components/ui/field";

export type CredentialInput = {
  method: "password" | "key";
  password: string;
  privateKey: string;
  passphrase: string;
};

/** Password, or private key with its passphrase: what signs in to a host over SSH. */
export function SshCredentialFields({
  value,
  onChange,
  error,
}: {
  value: CredentialInput;
  onChange: (value: CredentialInput) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Sign in with</legend>
      <div className="flex gap-4 text-sm">
        {(["password", "key"] as const).map((method) => (
          <label key={method} className="flex items-center gap-1">
            <input
              type="radio"
              name="ssh-method"
              checked={value.method === method}
              onChange={() => onChange({ ...value, method })}
            />
            {method === "password" ? "Password" : "Private key"}
          </label>
        ))}
      </div>
      {value.method === "password" ? (
        <Field
          id="ssh-password"
          label="SSH password"
          type="password"
          autoComplete="off"
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
          error={error}
        />
      ) : (
        <>
          <div className="space-y-1">
            <label htmlFor="ssh-private-key" className="block text-sm font-medium text-slate-700">
              Private key (OpenSSH or PEM)
            </label>
            <textarea
              id="ssh-private-key"
              rows={4}
              spellCheck={false}
              placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
              value={value.privateKey}
              onChange={(e) => onChange({ ...value, privateKey: e.target.value })}
              aria-invalid={error ? true : undefined}
              className={`block w-full rounded-md border bg-white px-3 py-2 font-[family-name:var(--font-geist-mono)] text-xs shadow-sm outline-none focus:ring-2 focus:ring-sky-500 ${error ? "border-red-500" : "border-slate-300"}`}
            />
          </div>
          <Field
            id="ssh-passphrase"
            label="Passphrase (if the key has one)"
            type="password"
            autoComplete="off"
            value={value.passphrase}
            onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
            error={error}
          />
        </>
      )}
    </fieldset>
  );
}
