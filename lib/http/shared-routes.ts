import { requireApiUser } from "@/lib/auth/current-user";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { v1 } from "./api-v1";
import { errorResponse } from "./respond";
import { crossSiteRefusal } from "./security";

/**
 * A handler served twice: for the browser (session cookie) and for /api/v1 (API token). An area
 * writes its handlers once, typed by the route parameters they read; its route files only choose
 * the wrapper.
 */
export type SharedHandler<P> = (
  user: SessionUser,
  request: Request,
  params: P,
) => Promise<Response>;
type Ctx<P> = { params: Promise<P> };

export function sharedRoutes<Params extends Record<string, string>>(
  options: {
    /** check the origin in the route: requests the proxy lets through unchecked (streamed uploads) */
    checkOrigin?: boolean;
  } = {},
) {
  return {
    /** For the browser: the session's user. */
    browserRoute<K extends keyof Params>(handler: SharedHandler<Pick<Params, K>>) {
      return async (request: Request, ctx: Ctx<Pick<Params, K>>): Promise<Response> => {
        try {
          if (options.checkOrigin && crossSiteRefusal(request)) {
            throw new BerthError(
              "FORBIDDEN",
              "This request came from another site and was refused.",
            );
          }
          return await handler(await requireApiUser(), request, await ctx.params);
        } catch (err) {
          return errorResponse(err);
        }
      };
    },
    /** For /api/v1: the API token's owner. */
    apiRoute<K extends keyof Params>(handler: SharedHandler<Pick<Params, K>>) {
      return v1<Ctx<Pick<Params, K>>>(async (user, request, ctx) =>
        handler(user, request, await ctx.params),
      );
    },
    /** A handler typed by the route parameters it reads. */
    route<K extends keyof Params>(handler: SharedHandler<Pick<Params, K>>) {
      return handler;
    },
  };
}
