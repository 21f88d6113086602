import { browserRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const PATCH = browserRoute(imageUpdateRoutes.updatePolicy);
export const DELETE = browserRoute(imageUpdateRoutes.deletePolicy);
