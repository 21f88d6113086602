import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export type HostSshView = {
  address: string;
  port: number;
  user: string;
  /** Whether Berth kept the onboarding credential (never the credential itself). */
  credentialKept: boolean;
};

/** How an administrator's removal can reach the host over SSH; null when it was not added so. */
export async function getHostSsh(user: SessionUser, hostId: string): Promise<HostSshView | null> {
  requireGlobalPermission(user, "hosts.remove");
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: {
      sshAddress: true,
      sshPort: true,
      sshUser: true,
      sshHostKey: true,
      sshCredential: true,
    },
  });
  if (!host?.sshAddress || !host.sshPort || !host.sshUser || !host.sshHostKey) return null;
  return {
    address: host.sshAddress,
    port: host.sshPort,
    user: host.sshUser,
    credentialKept: host.sshCredential !== null,
  };
}
