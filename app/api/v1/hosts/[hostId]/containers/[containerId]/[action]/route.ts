import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { ContainerActionSchema } from "@/lib/containers/container-actions";
import { performContainerAction } from "@/lib/services/containers/perform-container-action";
import { recreateContainer } from "@/lib/services/containers/recreate-container";

type Ctx = { params: Promise<{ hostId: string; containerId: string; action: string }> };

/**
 * Lifecycle actions (start, stop, restart, kill, pause, unpause, rename, remove, commit) and
 * recreate: the container replaced by one from the run spec in the body.
 */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, containerId, action } = await ctx.params;
  if (action === "recreate") {
    const body = await jsonBody(request);
    const address = clientAddress(request);
    return NextResponse.json(
      await recreateContainer(user, hostId, containerId, body, { clientAddress: address }),
    );
  }
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
