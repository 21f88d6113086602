import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = apiRoute(stackRoutes.get);
export const PUT = apiRoute(stackRoutes.update);
export const DELETE = apiRoute(stackRoutes.remove);
