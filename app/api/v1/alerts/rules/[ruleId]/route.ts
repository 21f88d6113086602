import { alertRoutes, apiRoute } from "@/lib/http/alert-routes";

export const GET = apiRoute(alertRoutes.getRule);
export const PATCH = apiRoute(alertRoutes.updateRule);
export const DELETE = apiRoute(alertRoutes.deleteRule);
