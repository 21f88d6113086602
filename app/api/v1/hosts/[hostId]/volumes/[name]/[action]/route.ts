import { apiRoute, volumeRoutes } from "@/lib/http/volume-routes";

/** files, preview, download, backup (a .tar.gz download), backups (stored ones and the schedule) */
export const GET = apiRoute(volumeRoutes.read);
/** upload, mkdir, clone, backup (to the server), restore */
export const POST = apiRoute(volumeRoutes.change);
export const PUT = apiRoute(volumeRoutes.schedule);
export const DELETE = apiRoute(volumeRoutes.unschedule);
