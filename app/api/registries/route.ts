import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { createRegistry } from "@/lib/services/registries/create-registry";
import { listRegistries } from "@/lib/services/registries/list-registries";

/** Registries the user may use (administrators: all, with their team grants). */
export async function GET() {
  try {
    const user = await requireApiUser();
    return NextResponse.json({ registries: await listRegistries(user) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const created = await createRegistry(user, await jsonBody(request), clientAddress(request));
    return NextResponse.json(created, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
