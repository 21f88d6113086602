import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { jsonBody } from "@/lib/http/respond";
import { readSshHostKey } from "@/lib/services/onboarding/read-ssh-host-key";

export const POST = v1(async (user, request) =>
  NextResponse.json(await readSshHostKey(user, await jsonBody(request))),
);
