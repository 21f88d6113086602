import { alertRoutes, browserRoute } from "@/lib/http/alert-routes";

export const POST = browserRoute(alertRoutes.silenceEvent);
export const DELETE = browserRoute(alertRoutes.unsilenceEvent);
