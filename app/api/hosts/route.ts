import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export async function GET() {
  try {
    const user = await requireApiUser();
    return NextResponse.json({ hosts: await listHosts(user) });
  } catch (err) {
    return errorResponse(err);
  }
}
