import { alertRoutes, browserRoute } from "@/lib/http/alert-routes";

export const GET = browserRoute(alertRoutes.getPreferences);
export const PUT = browserRoute(alertRoutes.updatePreferences);
