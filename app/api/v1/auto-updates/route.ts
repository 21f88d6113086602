import { apiRoute, imageUpdateRoutes } from "@/lib/http/image-update-routes";

export const GET = apiRoute(imageUpdateRoutes.listPolicies);
export const POST = apiRoute(imageUpdateRoutes.createPolicy);
