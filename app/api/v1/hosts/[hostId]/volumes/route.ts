import { apiRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const POST = apiRoute(volumeRoutes.create);
