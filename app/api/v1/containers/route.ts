import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { ContainerQuerySchema, listContainers } from "@/lib/services/containers/list-containers";

export const GET = v1(async (user, request) => {
  const params = Object.fromEntries(
    [...new URL(request.url).searchParams].filter(([, value]) => value !== ""),
  );
  return NextResponse.json(await listContainers(user, ContainerQuerySchema.parse(params)));
});
