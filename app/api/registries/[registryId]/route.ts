import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { deleteRegistry } from "@/lib/services/registries/delete-registry";
import { updateRegistry } from "@/lib/services/registries/update-registry";

type Ctx = { params: Promise<{ registryId: string }> };

export async function PUT(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { registryId } = await ctx.params;
    return NextResponse.json(
      await updateRegistry(user, registryId, await jsonBody(request), clientAddress(request)),
    );
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { registryId } = await ctx.params;
    await deleteRegistry(user, registryId, clientAddress(request));
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
