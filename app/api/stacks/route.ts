import { browserRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = browserRoute(stackRoutes.list);
export const POST = browserRoute(stackRoutes.create);
