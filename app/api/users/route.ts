import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { CreateUserSchema } from "@/lib/protocol";
import { createUser } from "@/lib/services/users/create-user";
import { listUsers } from "@/lib/services/users/list-users";

export async function GET() {
  try {
    return NextResponse.json({ users: await listUsers(await requireApiUser()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const input = CreateUserSchema.parse(await jsonBody(request));
    return NextResponse.json(await createUser(user, input, clientAddress(request)), {
      status: 201,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
