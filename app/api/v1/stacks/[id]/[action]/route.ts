import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

/** deploy, start, stop, restart, down, webhook (a new webhook URL) */
export const POST = apiRoute(stackRoutes.act);
