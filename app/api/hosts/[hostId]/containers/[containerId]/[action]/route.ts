import { NextResponse } from "next/server";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { downloadResponse } from "@/lib/http/download";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { trackCall } from "@/lib/services/calls/track-call";
import { downloadContainerLogs } from "@/lib/services/containers/download-container-logs";
import { exportContainer } from "@/lib/services/containers/export-container";
import { getContainerChanges } from "@/lib/services/containers/get-container-changes";
import { getContainerProcesses } from "@/lib/services/containers/get-container-processes";
import { ContainerActionSchema } from "@/lib/containers/container-actions";
import { performContainerAction } from "@/lib/services/containers/perform-container-action";
import { recreateContainer } from "@/lib/services/containers/recreate-container";
import { revealContainerEnv } from "@/lib/services/containers/reveal-container-env";

type Ctx = { params: Promise<{ hostId: string; containerId: string; action: string }> };

const NOT_FOUND = () => new BerthError("NOT_FOUND", "No such container action.");
const RecreateSchema = z.object({ spec: z.unknown(), callId: z.string().optional() });

/** Reads: processes (top), filesystem changes (diff), environment with secrets, tar export. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, containerId, action } = await ctx.params;
    switch (action) {
      case "top":
        return NextResponse.json(await getContainerProcesses(user, hostId, containerId));
      case "diff":
        return NextResponse.json(await getContainerChanges(user, hostId, containerId));
      case "env":
        return NextResponse.json({
          env: await revealContainerEnv(user, hostId, containerId, clientAddress(request)),
        });
      case "logs": {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        const { stream, fileName } = await downloadContainerLogs(user, hostId, containerId, query);
        return downloadResponse(request, stream, fileName, "text/plain; charset=utf-8");
      }
      case "export": {
        const { stream, fileName } = await exportContainer(
          user,
          hostId,
          containerId,
          clientAddress(request),
        );
        return downloadResponse(request, stream, fileName, "application/x-tar");
      }
      default:
        throw NOT_FOUND();
    }
  } catch (err) {
    return errorResponse(err);
  }
}

/** Lifecycle actions and recreate (edit). */
export async function POST(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, containerId, action } = await ctx.params;
    const body = await jsonBody(request);
    if (action === "recreate") {
      const { spec, callId } = RecreateSchema.parse(body);
      const call = trackCall(user.id, callId);
      try {
        return NextResponse.json(
          await recreateContainer(user, hostId, containerId, spec, {
            onProgress: call.onProgress,
            clientAddress: clientAddress(request),
          }),
        );
      } finally {
        call.release();
      }
    }
    const parsed = ContainerActionSchema.safeParse(action);
    if (!parsed.success) throw NOT_FOUND();
    return NextResponse.json(
      await performContainerAction(
        user,
        hostId,
        containerId,
        parsed.data,
        body,
        clientAddress(request),
      ),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
