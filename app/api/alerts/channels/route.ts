import { alertChannelRoutes, browserRoute } from "@/lib/http/alert-channel-routes";

export const GET = browserRoute(alertChannelRoutes.list);
export const POST = browserRoute(alertChannelRoutes.create);
