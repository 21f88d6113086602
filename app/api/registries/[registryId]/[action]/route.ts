import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import {
  listRegistryRepositories,
  listRegistryTags,
} from "@/lib/services/registries/browse-registry";
import { setRegistryTeams } from "@/lib/services/registries/set-registry-teams";

type Ctx = { params: Promise<{ registryId: string; action: string }> };

/** Browse: the registry's repositories, or one repository's tags (?repository=). */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { registryId, action } = await ctx.params;
    if (action === "repositories") {
      return NextResponse.json(await listRegistryRepositories(user, registryId));
    }
    if (action === "tags") {
      const repository = new URL(request.url).searchParams.get("repository") ?? "";
      return NextResponse.json(await listRegistryTags(user, registryId, repository));
    }
    throw new BerthError("NOT_FOUND", "No such registry action.");
  } catch (err) {
    return errorResponse(err);
  }
}

/** Which teams may use the registry. */
export async function PUT(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { registryId, action } = await ctx.params;
    if (action !== "teams") throw new BerthError("NOT_FOUND", "No such registry action.");
    return NextResponse.json(
      await setRegistryTeams(user, registryId, await jsonBody(request), clientAddress(request)),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
