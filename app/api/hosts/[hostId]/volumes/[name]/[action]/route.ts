import { browserRoute, volumeRoutes } from "@/lib/http/volume-routes";

/** files, preview, download, backup (a .tar.gz download), backups (stored ones and the schedule) */
export const GET = browserRoute(volumeRoutes.read);
/** upload, mkdir, clone, backup (to the server), restore */
export const POST = browserRoute(volumeRoutes.change);
export const PUT = browserRoute(volumeRoutes.schedule);
export const DELETE = browserRoute(volumeRoutes.unschedule);
