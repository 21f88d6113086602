import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { getHost } from "@/lib/services/hosts/get-host";
import { removeHost } from "@/lib/services/hosts/remove-host";

type Ctx = { params: Promise<{ hostId: string }> };

export async function GET(_request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json({ host: await getHost(user, hostId) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Removes the host (its agent key revoked), uninstalling its agent over SSH when asked. */
export async function DELETE(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json(
      await removeHost(user, hostId, await jsonBody(request), clientAddress(request)),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
