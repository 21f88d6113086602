import { apiRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const PATCH = apiRoute(imageUpdateRoutes.updatePolicy);
export const DELETE = apiRoute(imageUpdateRoutes.deletePolicy);
