import { browserRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const GET = browserRoute(imageUpdateRoutes.listPolicies);
export const POST = browserRoute(imageUpdateRoutes.createPolicy);
