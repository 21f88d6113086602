import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { ContainerQuerySchema, listContainers } from "@/lib/services/containers/list-containers";

export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const params = Object.fromEntries(
      [...new URL(request.url).searchParams].filter(([, value]) => value !== ""),
    );
    return NextResponse.json(await listContainers(user, ContainerQuerySchema.parse(params)));
  } catch (err) {
    return errorResponse(err);
  }
}
