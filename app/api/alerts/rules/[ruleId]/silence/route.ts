import { alertRoutes, browserRoute } from "@/lib/http/alert-routes";

export const POST = browserRoute(alertRoutes.silenceRule);
export const DELETE = browserRoute(alertRoutes.unsilenceRule);
