import { NextResponse } from "next/server";
import type { z } from "zod";
import { requireApiUser } from "@/lib/auth/current-user";
import type { SessionUser } from "@/lib/auth/session-user";
import { clientAddress, errorResponse, jsonBody } from "./respond";

type Ctx<K extends string> = { params: Promise<Record<K, string>> };

/**
 * PATCH (change with a validated body) and DELETE for one admin resource addressed by the route
 * parameter `param`: both answer `{ ok: true }` or the error in words.
 */
export function changeAndDeleteRoutes<K extends string, S extends z.ZodType>(
  param: K,
  schema: S,
  change: (user: SessionUser, id: string, input: z.infer<S>, address?: string) => Promise<unknown>,
  remove: (user: SessionUser, id: string, address?: string) => Promise<unknown>,
) {
  return {
    async PATCH(request: Request, ctx: Ctx<K>) {
      try {
        const user = await requireApiUser();
        const id = (await ctx.params)[param];
        const input = schema.parse(await jsonBody(request));
        await change(user, id, input, clientAddress(request));
        return NextResponse.json({ ok: true });
      } catch (err) {
        return errorResponse(err);
      }
    },
    async DELETE(request: Request, ctx: Ctx<K>) {
      try {
        const user = await requireApiUser();
        await remove(user, (await ctx.params)[param], clientAddress(request));
        return NextResponse.json({ ok: true });
      } catch (err) {
        return errorResponse(err);
      }
    },
  };
}
