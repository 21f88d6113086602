import { apiRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const POST = apiRoute(imageUpdateRoutes.updateContainer);
