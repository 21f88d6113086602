import { BerthError, ImageUpdateCheckInputSchema, type ImageUpdateView } from "@/lib/protocol";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { checkHostImages } from "./check-host-images";
import { listImageUpdates } from "./list-image-updates";

/** "Check now" reuses a registry answer this young instead of asking again. */
const CHECK_NOW_MAX_AGE_MS = 60_000;

/**
 * "Check for updates now": one host, or every online host the user may pull on, checked before
 * the answer; a host that fails is reported in `failed` and the others still answer.
 */
export async function checkImageUpdates(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<{ checks: ImageUpdateView[]; failed: Array<{ hostId: string; error: string }> }> {
  const { hostId } = ImageUpdateCheckInputSchema.parse(input ?? {});
  return audited(
    {
      actor: user,
      action: "image.update-check",
      hostId: hostId ?? null,
      target: hostId ?? "all hosts",
      clientAddress,
    },
    async () => {
      const visible = (await listHostAccess(user)).filter((h) => !hostId || h.id === hostId);
      if (hostId && visible.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
      const hosts = visible.filter((h) => roleAllows(h.role, "image.pull"));
      if (hostId && hosts.length === 0) {
        throw new BerthError(
          "FORBIDDEN",
          `Your role on this host (${visible[0]!.role}) cannot check for image updates; it needs DEPLOYER.`,
        );
      }
      const hub = getAgentHub();
      const asked = hostId ? hosts : hosts.filter((h) => hub.isOnline(h.id));
      const failed: Array<{ hostId: string; error: string }> = [];
      await Promise.all(
        asked.map((h) =>
          checkHostImages(h.id, CHECK_NOW_MAX_AGE_MS).catch((err: unknown) => {
            if (hostId) throw err;
            failed.push({ hostId: h.id, error: err instanceof Error ? err.message : String(err) });
          }),
        ),
      );
      const { checks } = await listImageUpdates(user, hostId ? { hostId } : {});
      return { checks: checks.filter((c) => asked.some((h) => h.id === c.hostId)), failed };
    },
  );
}
