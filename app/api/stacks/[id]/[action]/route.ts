import { browserRoute, stackRoutes } from "@/lib/http/stack-routes";

/** deploy, start, stop, restart, down */
export const POST = browserRoute(stackRoutes.act);
