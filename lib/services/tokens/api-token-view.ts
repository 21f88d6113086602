import type { ApiTokenView } from "@/lib/protocol";
import type { ApiToken } from "@/lib/db";

export function toApiTokenView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.getTime(),
    expiresAt: token.expiresAt.getTime(),
    lastUsedAt: token.lastUsedAt?.getTime() ?? null,
    revokedAt: token.revokedAt?.getTime() ?? null,
  };
}
