import { alertChannelRoutes, apiRoute } from "@/lib/http/alert-channel-routes";

export const POST = apiRoute(alertChannelRoutes.retry);
