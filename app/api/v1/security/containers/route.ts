import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { listContainerFindings } from "@/lib/services/security/list-container-findings";

export const GET = v1(async (user) =>
  NextResponse.json({ containers: await listContainerFindings(user) }),
);
