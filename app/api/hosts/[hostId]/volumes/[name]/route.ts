import { browserRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const GET = browserRoute(volumeRoutes.inspect);
export const DELETE = browserRoute(volumeRoutes.remove);
