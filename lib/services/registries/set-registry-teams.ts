import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";

const TeamIdsSchema = z.object({ teamIds: z.array(z.string().min(1).max(100)).max(1000) });

/** Which teams may use a registry (pull, push, browse with its stored credentials). */
export async function setRegistryTeams(
  user: SessionUser,
  registryId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ teamIds: string[] }> {
  const { teamIds } = TeamIdsSchema.parse(input);
  const unique = [...new Set(teamIds)];
  return audited(
    {
      actor: user,
      action: "registry.grant",
      target: registryId,
      params: { teamIds: unique },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(user, "registry.manage");
      if (!(await db.registry.count({ where: { id: registryId } }))) {
        throw new BerthError("NOT_FOUND", "No such registry.");
      }
      const known = await db.team.count({ where: { id: { in: unique } } });
      if (known !== unique.length) throw new BerthError("BAD_REQUEST", "Unknown team.", "teamIds");
      await db.$transaction([
        db.registryGrant.deleteMany({ where: { registryId, teamId: { notIn: unique } } }),
        db.registryGrant.createMany({
          data: unique.map((teamId) => ({ registryId, teamId })),
          skipDuplicates: true,
        }),
      ]);
      return { teamIds: unique };
    },
  );
}
