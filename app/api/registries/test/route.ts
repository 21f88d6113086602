import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse, jsonBody } from "@/lib/http/respond";
import { testRegistry } from "@/lib/services/registries/test-registry";

const BodySchema = z.object({ registry: z.unknown(), registryId: z.string().max(100).optional() });

/** "Test connection" with the values of the form (and the stored password of registryId). */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const body = BodySchema.parse(await jsonBody(request));
    return NextResponse.json(await testRegistry(user, body.registry, body.registryId));
  } catch (err) {
    return errorResponse(err);
  }
}
