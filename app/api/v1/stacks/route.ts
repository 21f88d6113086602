import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = apiRoute(stackRoutes.list);
export const POST = apiRoute(stackRoutes.create);
