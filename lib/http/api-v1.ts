import type { SessionUser } from "@/lib/auth/session-user";
import { authenticateApiToken } from "@/lib/services/tokens/authenticate-api-token";
import { errorResponse } from "./respond";

/**
 * A /api/v1 handler: the caller is the owner of the bearer token, with that user's rights
 * through the same guard and services as the browser. Session cookies are not accepted here.
 */
export function v1<Ctx>(
  handler: (user: SessionUser, request: Request, ctx: Ctx) => Promise<Response>,
): (request: Request, ctx: Ctx) => Promise<Response> {
  return async (request, ctx) => {
    try {
      const user = await authenticateApiToken(request.headers.get("authorization"));
      return await handler(user, request, ctx);
    } catch (err) {
      const response = errorResponse(err);
      if (response.status === 401) response.headers.set("www-authenticate", 'Bearer realm="berth"');
      return response;
    }
  };
}
