import { db } from "@/lib/db";
import type { ApiTokenView } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { toApiTokenView } from "./api-token-view";

/** The user's own tokens, newest first. */
export async function listApiTokens(user: SessionUser): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toApiTokenView);
}
