import { db, type Prisma } from "@/lib/db";

export async function listVisibleHostIds(where: Prisma.HostWhereInput): Promise<string[]> {
  const hosts = await db.host.findMany({ where, select: { id: true } });
  return hosts.map((h) => h.id);
}
