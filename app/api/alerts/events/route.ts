import { alertRoutes, browserRoute } from "@/lib/http/alert-routes";

export const GET = browserRoute(alertRoutes.listEvents);
