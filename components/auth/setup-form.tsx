"use client";

import Link from "next/link";
import { useActionState } from "react";
import { setupAdminAction, type SetupState } from "@/app/(auth)/setup/actions";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(setupAdminAction, {
    ok: false,
  });

  if (state.ok) {
    return (
      <div className="space-y-4">
        <p className="text-sm">The administrator account is ready.</p>
        <Link href="/login" className="block text-center font-medium text-sky-700 underline">
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? <ErrorMessage>{state.error}</ErrorMessage> : null}
      <Field
        id="token"
        name="token"
        label="Setup token"
        defaultValue={state.values?.token ?? token}
        required
        error={state.fieldErrors?.token}
      />
      <Field
        id="name"
        name="name"
        label="Your name"
        defaultValue={state.values?.name}
        autoComplete="name"
        required
        error={state.fieldErrors?.name}
      />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        defaultValue={state.values?.email}
        autoComplete="username"
        required
        error={state.fieldErrors?.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password (at least 10 characters)"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
