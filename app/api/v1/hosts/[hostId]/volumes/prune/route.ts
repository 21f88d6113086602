import { apiRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const POST = apiRoute(volumeRoutes.prune);

// "prune" is also a name a volume may have: reading or removing it works here as for any other
const named = <P extends { hostId: string }>(params: Promise<P>) =>
  params.then((p) => ({ ...p, name: "prune" }));
const inspect = apiRoute(volumeRoutes.inspect);
const remove = apiRoute(volumeRoutes.remove);
export const GET = (request: Request, ctx: { params: Promise<{ hostId: string }> }) =>
  inspect(request, { params: named(ctx.params) });
export const DELETE = (request: Request, ctx: { params: Promise<{ hostId: string }> }) =>
  remove(request, { params: named(ctx.params) });
