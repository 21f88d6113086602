import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const GET = v1(async (user) => NextResponse.json({ hosts: await listHosts(user) }));
