import { alertChannelRoutes, browserRoute } from "@/lib/http/alert-channel-routes";

export const GET = browserRoute(alertChannelRoutes.deliveries);
