import { alertChannelRoutes, browserRoute } from "@/lib/http/alert-channel-routes";

export const GET = browserRoute(alertChannelRoutes.get);
export const PATCH = browserRoute(alertChannelRoutes.update);
export const DELETE = browserRoute(alertChannelRoutes.remove);
