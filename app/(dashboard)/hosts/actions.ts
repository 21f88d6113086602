"use server";

import { headers } from "next/headers";
import { clientAddressFrom } from "@/lib/http/client-address";
import { BerthError, CreateEnrollmentSchema } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { publicUrl } from "@/lib/server/public-url";
import { listAgentArchitectures } from "@/lib/services/hosts/agent-executables";
import { createEnrollmentToken } from "@/lib/services/hosts/create-enrollment-token";
import { installCommand } from "@/lib/services/hosts/render-install-script";

export type AddHostState =
  | { status: "idle" }
  | { status: "error"; error?: string; fieldError?: string; hostName: string }
  | {
      status: "ready";
      hostName: string;
      command: string;
      expiresAt: string;
      /** Node's names of the architectures this server has an agent executable for. */
      architectures: string[];
    };

export async function addHostAction(_prev: AddHostState, form: FormData): Promise<AddHostState> {
  const hostName = String(form.get("hostName") ?? "");
  const parsed = CreateEnrollmentSchema.safeParse({ hostName });
  if (!parsed.success) {
    return {
      status: "error",
      fieldError: parsed.error.issues[0]?.message ?? "Invalid name.",
      hostName,
    };
  }
  try {
    const user = await requireApiUser();
    const headerList = await headers();
    const { token, expiresAt } = await createEnrollmentToken(
      user,
      parsed.data,
      clientAddressFrom((name) => headerList.get(name)),
    );
    return {
      status: "ready",
      hostName: parsed.data.hostName,
      command: installCommand(await publicUrl(), token),
      expiresAt: expiresAt.toISOString(),
      architectures: listAgentArchitectures(),
    };
  } catch (err) {
    if (err instanceof BerthError) return { status: "error", error: err.message, hostName };
    console.error("add host failed:", err);
    return { status: "error", error: "Something went wrong on the server.", hostName };
  }
}
