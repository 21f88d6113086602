import { alertRoutes, apiRoute } from "@/lib/http/alert-routes";

export const GET = apiRoute(alertRoutes.listRules);
export const POST = apiRoute(alertRoutes.createRule);
