import { apiRoute, stackRoutes } from "@/lib/http/stack-routes";

export const GET = apiRoute(stackRoutes.templates);
