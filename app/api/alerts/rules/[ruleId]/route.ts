import { alertRoutes, browserRoute } from "@/lib/http/alert-routes";

export const GET = browserRoute(alertRoutes.getRule);
export const PATCH = browserRoute(alertRoutes.updateRule);
export const DELETE = browserRoute(alertRoutes.deleteRule);
