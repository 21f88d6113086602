import { browserRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const POST = browserRoute(volumeRoutes.create);
