import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { publicUrl } from "@/lib/server/public-url";
import { createReenrollmentToken } from "@/lib/services/hosts/create-reenrollment-token";
import { installCommand } from "@/lib/services/hosts/render-install-script";
import { revokeAgentKey } from "@/lib/services/hosts/revoke-agent-key";

type Ctx = { params: Promise<{ hostId: string; action: string }> };

/** revoke: the agent's key stops working at once; reenroll: a one-time token for a new key. */
export async function POST(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, action } = await ctx.params;
    if (action === "revoke") {
      await revokeAgentKey(user, hostId, clientAddress(request));
      return NextResponse.json({ revoked: true });
    }
    if (action === "reenroll") {
      const { token, expiresAt } = await createReenrollmentToken(
        user,
        hostId,
        clientAddress(request),
      );
      return NextResponse.json({
        command: installCommand(await publicUrl(), token),
        expiresAt: expiresAt.toISOString(),
      });
    }
    throw new BerthError("NOT_FOUND", "No such agent action.");
  } catch (err) {
    return errorResponse(err);
  }
}
