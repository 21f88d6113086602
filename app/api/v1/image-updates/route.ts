import { apiRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const GET = apiRoute(imageUpdateRoutes.list);
