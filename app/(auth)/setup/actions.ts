"use server";

import { headers } from "next/headers";
import { clientAddressFrom } from "@/lib/http/client-address";
import { BerthError, SetupAdminSchema } from "@/lib/protocol";
import { createFirstAdmin } from "@/lib/services/setup/create-first-admin";

export type SetupState = {
  ok: boolean;
  error?: string;
  /** What the user typed (never the password), so a refused form keeps it. */
  values?: { token: string; name: string; email: string };
  fieldErrors?: Partial<Record<"token" | "name" | "email" | "password", string>>;
};

export async function setupAdminAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const values = {
    token: String(form.get("token") ?? ""),
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
  };
  const parsed = SetupAdminSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: SetupState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof NonNullable<SetupState["fieldErrors"]>;
      fieldErrors[key] ??= issue.message;
    }
    return { ok: false, fieldErrors, values };
  }
  try {
    const requestHeaders = await headers();
    await createFirstAdmin(
      parsed.data,
      clientAddressFrom((name) => requestHeaders.get(name)),
    );
    return { ok: true };
  } catch (err) {
    if (err instanceof BerthError) {
      return err.code === "UNAUTHENTICATED"
        ? { ok: false, fieldErrors: { token: err.message }, values }
        : { ok: false, error: err.message, values };
    }
    console.error("setup failed:", err);
    return { ok: false, error: "Something went wrong on the server.", values };
  }
}
