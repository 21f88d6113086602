import { alertRoutes, apiRoute } from "@/lib/http/alert-routes";

export const POST = apiRoute(alertRoutes.silenceRule);
export const DELETE = apiRoute(alertRoutes.unsilenceRule);
