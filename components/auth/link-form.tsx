"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "@/components/ui/api-client";
import { useMutation } from "@/components/admin/use-mutation";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * Accepting an invitation or using a password reset link. The token is in the URL's fragment,
 * which the browser never sends to the server except in this form's request body.
 */
export function LinkForm({ kind }: { kind: "invite" | "reset" }) {
  const m = useMutation();
  const [token, setToken] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    setToken(window.location.hash.slice(1));
  }, []);
  if (token === null) return null;
  if (!token) {
    return (
      <ErrorMessage>
        This link is incomplete. Open the whole link your administrator gave you.
      </ErrorMessage>
    );
  }
  if (done) {
    return (
      <div className="space-y-4">
        <p className="text-sm">
          {kind === "invite" ? "Your account is ready." : "Your new password is set."}
        </p>
        <Link href="/login" className="block text-center font-medium text-sky-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  const fields = kind === "invite" ? ["email", "name", "password"] : ["password"];
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = { ...Object.fromEntries(new FormData(e.currentTarget)), token };
        void m
          .run(() =>
            api(kind === "invite" ? "/api/account/invite" : "/api/account/password-reset", {
              method: "POST",
              json: input,
            }),
          )
          .then((ok) => ok && setDone(true));
      }}
    >
      {m.formError(fields) ? <ErrorMessage>{m.formError(fields)}</ErrorMessage> : null}
      {kind === "invite" ? (
        <>
          <Field
            id="email"
            name="email"
            type="email"
            label="Email (the address you were invited at)"
            autoComplete="username"
            error={m.fieldError("email")}
          />
          <Field
            id="name"
            name="name"
            label="Your name"
            autoComplete="name"
            error={m.fieldError("name")}
          />
        </>
      ) : null}
      <Field
        id="password"
        name="password"
        type="password"
        label="Password (at least 10 characters)"
        autoComplete="new-password"
        error={m.fieldError("password")}
      />
      <Button type="submit" className="w-full" disabled={m.busy}>
        {kind === "invite" ? "Create my account" : "Set password"}
      </Button>
    </form>
  );
}
