import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { SshHostKeyRequestSchema, type SshHostKey } from "@/lib/protocol";
import { presentedHostKey, sshFingerprint, sshKeyType } from "./ssh-connection";

/**
 * The key a host's SSH server presents, for the admin to compare and accept before onboarding
 * runs anything; and the host Berth already onboarded from that machine, if any.
 */
export async function readSshHostKey(user: SessionUser, body: unknown): Promise<SshHostKey> {
  requireGlobalPermission(user, "hosts.add");
  const input = SshHostKeyRequestSchema.parse(body);
  const key = await presentedHostKey(input);
  const keyType = sshKeyType(key);
  const knownHost = await db.host.findFirst({
    where: { sshHostKey: `${keyType} ${key.toString("base64")}` },
    select: { id: true, name: true },
  });
  return { fingerprint: sshFingerprint(key), keyType, knownHost };
}
