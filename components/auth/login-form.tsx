"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { describeLockout, lockoutMinutes } from "@/lib/auth/sign-in-lockout";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Where to go after signing in: the page that sent the user here, if it is one of ours. */
function safeCallback(value: string | null): string {
  return sameOriginPath(value, window.location.origin) ?? "/hosts";
}

/** The lockout answers with "TooManyAttempts:<minutes>" (HTTP 429). */
function describeFailure(error: string | null | undefined): string {
  const minutes = lockoutMinutes(error);
  return minutes === null ? "Wrong email or password." : describeLockout(minutes);
}

/** What a failed redirect back to the login page (?error=...) means, in words. */
function describeRedirectError(code: string | null): string | null {
  if (!code) return null;
  if (code === "AccessDenied") {
    return "Single sign-on was refused: the account is disabled, or the provider did not confirm the email address.";
  }
  if (code.startsWith("OAuth") || code === "Callback") {
    return "Single sign-on failed. Try again, or sign in with your password.";
  }
  return "Your session ended. Sign in again.";
}

export function LoginForm({ oidcName }: { oidcName: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(describeRedirectError(params.get("error")));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(describeFailure(result?.error));
        return;
      }
      router.replace(safeCallback(params.get("callbackUrl")));
      router.refresh();
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Field id="email" name="email" type="email" label="Email" autoComplete="username" required />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {oidcName ? (
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          disabled={pending}
          onClick={() =>
            void signIn("oidc", { callbackUrl: safeCallback(params.get("callbackUrl")) })
          }
        >
          Sign in with {oidcName}
        </Button>
      ) : null}
    </form>
  );
}
