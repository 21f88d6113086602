import { alertChannelRoutes, browserRoute } from "@/lib/http/alert-channel-routes";

export const POST = browserRoute(alertChannelRoutes.test);
