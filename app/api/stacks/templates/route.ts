import { browserRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = browserRoute(stackRoutes.templates);
