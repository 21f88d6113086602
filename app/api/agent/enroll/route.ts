import { NextResponse } from "next/server";
import { EnrollRequestSchema } from "@/lib/protocol";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { enrollAgent } from "@/lib/services/hosts/enroll-agent";

export async function POST(request: Request) {
  try {
    const input = EnrollRequestSchema.parse(await request.json());
    return NextResponse.json(await enrollAgent(input, clientAddress(request)));
  } catch (err) {
    return errorResponse(err);
  }
}
