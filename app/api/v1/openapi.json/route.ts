import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/http/openapi";
import { publicUrl } from "@/lib/server/public-url";

/** The API's description; public, like the API's existence. */
export async function GET() {
  return NextResponse.json(openApiDocument(await publicUrl()));
}
