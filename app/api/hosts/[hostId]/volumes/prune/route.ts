import { browserRoute, volumeRoutes } from "@/lib/http/volume-routes";

export const POST = browserRoute(volumeRoutes.prune);

// "prune" is also a name a volume may have: reading or removing it works here as for any other
const named = <P extends { hostId: string }>(params: Promise<P>) =>
  params.then((p) => ({ ...p, name: "prune" }));
const inspect = browserRoute(volumeRoutes.inspect);
const remove = browserRoute(volumeRoutes.remove);
export const GET = (request: Request, ctx: { params: Promise<{ hostId: string }> }) =>
  inspect(request, { params: named(ctx.params) });
export const DELETE = (request: Request, ctx: { params: Promise<{ hostId: string }> }) =>
  remove(request, { params: named(ctx.params) });
