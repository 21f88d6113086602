import { browserRoute, stackRoutes } from "@/lib/http/stack-routes";

export const POST = browserRoute(stackRoutes.plan);
