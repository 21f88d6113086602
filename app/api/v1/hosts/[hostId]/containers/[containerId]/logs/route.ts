import { v1 } from "@/lib/http/api-v1";
import { downloadResponse } from "@/lib/http/download";
import { downloadContainerLogs } from "@/lib/services/containers/download-container-logs";

type Ctx = { params: Promise<{ hostId: string; containerId: string }> };

export const GET = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, containerId } = await ctx.params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { stream, fileName } = await downloadContainerLogs(user, hostId, containerId, query);
  return downloadResponse(request, stream, fileName, "text/plain; charset=utf-8");
});
