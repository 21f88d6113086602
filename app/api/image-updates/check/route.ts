import { browserRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const POST = browserRoute(imageUpdateRoutes.check);
