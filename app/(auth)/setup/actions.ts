"use server";

import { headers } from "next/headers";
import { BerthError, SetupAdminSchema } from "@/lib/protocol";
import { createFirstAdmin } from "@/lib/services/setup/create-first-admin";

export type SetupState = {
  ok: boolean;
  error?: string;
  fieldErrors?: Partial<Record<"token" | "name" | "email" | "password", string>>;
};

export async function setupAdminAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const parsed = SetupAdminSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: SetupState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof NonNullable<SetupState["fieldErrors"]>;
      fieldErrors[key] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  try {
    const forwarded = (await headers()).get("x-forwarded-for") ?? undefined;
    await createFirstAdmin(parsed.data, forwarded?.split(",")[0]?.trim());
    return { ok: true };
  } catch (err) {
    if (err instanceof BerthError) {
      return err.code === "UNAUTHENTICATED"
        ? { ok: false, fieldErrors: { token: err.message } }
        : { ok: false, error: err.message };
    }
    console.error("setup failed:", err);
    return { ok: false, error: "Something went wrong on the server." };
  }
}
