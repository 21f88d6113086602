import { apiRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const GET = apiRoute(volumeRoutes.storedBackup);
