import { alertChannelRoutes, apiRoute } from "@/lib/http/alert-channel-routes";

export const GET = apiRoute(alertChannelRoutes.deliveries);
