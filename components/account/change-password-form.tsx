"use client";

import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { useMutation } from "@/components/admin/use-mutation";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ChangePasswordForm() {
  const m = useMutation();
  const [done, setDone] = useState(false);
  const fields = ["currentPassword", "newPassword"];
  return (
    <form
      className="max-w-sm space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        setDone(false);
        void m
          .run(() =>
            api("/api/account/password", {
              method: "PUT",
              json: Object.fromEntries(new FormData(form)),
            }),
          )
          .then((ok) => {
            if (ok) {
              form.reset();
              setDone(true);
            }
          });
      }}
    >
      {m.formError(fields) ? <ErrorMessage>{m.formError(fields)}</ErrorMessage> : null}
      {done ? <SuccessMessage>Your password is changed.</SuccessMessage> : null}
      <Field
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        error={m.fieldError("currentPassword")}
      />
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password (at least 10 characters)"
        autoComplete="new-password"
        error={m.fieldError("newPassword")}
      />
      <Button type="submit" disabled={m.busy}>
        Change password
      </Button>
    </form>
  );
}
