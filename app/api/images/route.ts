import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { ImageQuerySchema, listImages } from "@/lib/services/images/list-images";

/** The fleet's images (or one host's with ?host=), filtered and sorted. */
export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const query = ImageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await listImages(user, query));
  } catch (err) {
    return errorResponse(err);
  }
}
