import { browserRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = browserRoute(stackRoutes.get);
export const PUT = browserRoute(stackRoutes.update);
export const DELETE = browserRoute(stackRoutes.remove);
