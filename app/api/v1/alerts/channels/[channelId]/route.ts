import { alertChannelRoutes, apiRoute } from "@/lib/http/alert-channel-routes";

export const GET = apiRoute(alertChannelRoutes.get);
export const PATCH = apiRoute(alertChannelRoutes.update);
export const DELETE = apiRoute(alertChannelRoutes.remove);
