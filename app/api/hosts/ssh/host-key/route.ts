import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse, jsonBody } from "@/lib/http/respond";
import { readSshHostKey } from "@/lib/services/onboarding/read-ssh-host-key";

/** The host key an SSH server presents, for the admin to accept before onboarding. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    return NextResponse.json(await readSshHostKey(user, await jsonBody(request)));
  } catch (err) {
    return errorResponse(err);
  }
}
