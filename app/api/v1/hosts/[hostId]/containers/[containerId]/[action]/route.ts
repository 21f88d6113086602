import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { ContainerActionSchema } from "@/lib/containers/container-actions";
import { performContainerAction } from "@/lib/services/containers/perform-container-action";

type Ctx = { params: Promise<{ hostId: string; containerId: string; action: string }> };

/** Lifecycle actions: start, stop, restart, kill, pause, unpause, rename, remove, commit. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, containerId, action } = await ctx.params;
  const parsed = ContainerActionSchema.safeParse(action);
  if (!parsed.success) throw new BerthError("NOT_FOUND", "No such container action.");
  const result = await performContainerAction(
    user,
    hostId,
    containerId,
    parsed.data,
    await jsonBody(request),
    clientAddress(request),
  );
  return NextResponse.json({ result: result ?? null });
});
