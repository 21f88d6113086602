import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

/** deploy, start, stop, restart, down */
export const POST = apiRoute(stackRoutes.act);
