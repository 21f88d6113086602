import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import {
  BerthError,
  ONBOARDING_PHASES,
  RemoveHostRequestSchema,
  SshCredentialSchema,
  type RemoveHostResult,
  type SshCredential,
} from "@/lib/protocol";
import { openSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import { trackCall } from "@/lib/services/calls/track-call";
import { sshCredentialContext } from "@/lib/services/onboarding/onboard-host-over-ssh";
import { INSPECT_SCRIPT, parseHostFacts } from "@/lib/services/onboarding/remote-scripts";
import { connectSsh, sshFingerprint } from "@/lib/services/onboarding/ssh-connection";
import { renderUninstallScript } from "./render-uninstall-script";

/**
 * Removes a host from Berth. Its agent key is revoked first, whatever happens next. With
 * `uninstall`, the agent is then stopped and removed over SSH, through the host key pinned when
 * the host was added (a different key aborts); only then is the host deleted, so a failed
 * uninstall leaves it listed (revoked) to try again.
 */
export async function removeHost(
  user: SessionUser,
  hostId: string,
  body: unknown,
  clientAddress?: string,
): Promise<RemoveHostResult> {
  const asked = RemoveHostRequestSchema.safeParse(body);
  const host = await db.host.findUnique({ where: { id: hostId } });
  return audited(
    {
      actor: user,
      action: "host.remove",
      hostId,
      target: host?.name ?? hostId,
      params: {
        uninstall: asked.data?.uninstall ?? null,
        credentialGiven: asked.data?.credential !== undefined,
      },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(user, "hosts.remove");
      const input = RemoveHostRequestSchema.parse(body);
      if (!host) throw new BerthError("NOT_FOUND", "No such host.");
      const ssh =
        input.uninstall && host.sshAddress && host.sshPort && host.sshUser && host.sshHostKey
          ? {
              address: host.sshAddress,
              port: host.sshPort,
              user: host.sshUser,
              fingerprint: sshFingerprint(
                Buffer.from(host.sshHostKey.split(" ")[1] ?? "", "base64"),
              ),
            }
          : null;
      if (input.uninstall && !ssh) {
        throw new BerthError(
          "BAD_REQUEST",
          "This host was not added over SSH, so Berth cannot uninstall its agent. Remove it " +
            "without uninstalling, then run the uninstall on the host.",
          "uninstall",
        );
      }
      const credential = ssh
        ? (input.credential ?? keptCredential(hostId, host.sshCredential))
        : null;
      if (ssh && !credential) {
        throw new BerthError(
          "BAD_REQUEST",
          "Give the SSH password or key: they were not kept when the host was added.",
          "credential",
        );
      }

      await db.host.update({ where: { id: hostId }, data: { keyHash: null } });
      getAgentHub().disconnectHost(hostId, "This host was removed.");

      let uninstallOutput: string | null = null;
      if (ssh && credential) {
        const call = trackCall(user.id, input.callId);
        const connection = await connectSsh({ ...ssh, credential }, call.signal).catch(
          (err: unknown) => {
            call.release();
            throw kept(err);
          },
        );
        try {
          const facts = parseHostFacts((await connection.run(INSPECT_SCRIPT, [])).output);
          connection.useSudo = facts.uid !== "0" && facts.sudo;
          const result = await connection.run(renderUninstallScript(), [], (text) =>
            call.onProgress?.({ phase: ONBOARDING_PHASES.output, id: "uninstall", status: text }),
          );
          uninstallOutput = result.output;
          if (result.code !== 0) {
            throw kept(
              new BerthError(
                "ENGINE_ERROR",
                `The uninstaller failed (exit ${result.code}): ${result.output.trim()}`,
                undefined,
                { external: true },
              ),
            );
          }
        } catch (err) {
          throw kept(err);
        } finally {
          connection.end();
          call.release();
        }
      }
      await db.host.delete({ where: { id: hostId } });
      getAgentHub().hostListChanged(hostId);
      return { removed: true as const, uninstallOutput };
    },
  );
}

function keptCredential(hostId: string, sealed: string | null): SshCredential | null {
  if (!sealed) return null;
  return SshCredentialSchema.parse(JSON.parse(openSecret(sealed, sshCredentialContext(hostId))));
}

/** A failed uninstall says that the key is revoked and the host stays listed. */
function kept(err: unknown): unknown {
  if (!(err instanceof BerthError) || err.message.includes("stays listed")) return err;
  return new BerthError(
    err.code,
    `${err.message} The host's agent key is revoked; the host stays listed so you can try again, ` +
      "or remove it without uninstalling.",
    err.field,
    { external: err.external },
  );
}
