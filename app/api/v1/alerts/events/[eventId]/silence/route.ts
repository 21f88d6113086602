import { alertRoutes, apiRoute } from "@/lib/http/alert-routes";

export const POST = apiRoute(alertRoutes.silenceEvent);
export const DELETE = apiRoute(alertRoutes.unsilenceEvent);
