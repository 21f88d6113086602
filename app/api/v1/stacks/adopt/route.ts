import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

export const POST = apiRoute(stackRoutes.adopt);
