import { db, type AccountLink, type AccountLinkPurpose } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";
import { BerthError } from "@/lib/protocol";

export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 2 * 60 * 60 * 1000;

/** A fresh link token; only its hash is stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomSecret();
  return { token, tokenHash: sha256Hex(token) };
}

const WORDS: Record<AccountLinkPurpose, string> = {
  INVITE: "invitation link",
  PASSWORD_RESET: "password reset link",
};

/** The unused, unexpired link for a token, or an error that says what is wrong with it. */
export async function findUsableLink(
  token: string,
  purpose: AccountLinkPurpose,
): Promise<AccountLink> {
  const link = await db.accountLink.findUnique({ where: { tokenHash: sha256Hex(token) } });
  const words = WORDS[purpose];
  if (!link || link.purpose !== purpose) {
    throw new BerthError(
      "BAD_REQUEST",
      `This ${words} is not valid (it may have been replaced or withdrawn). Ask your administrator for a new one.`,
    );
  }
  if (link.usedAt) {
    throw new BerthError(
      "CONFLICT",
      `This ${words} was already used. Each link works once: sign in, or ask your administrator for a new one.`,
    );
  }
  if (link.expiresAt.getTime() <= Date.now()) {
    throw new BerthError(
      "BAD_REQUEST",
      `This ${words} expired on ${link.expiresAt.toUTCString()}. Ask your administrator for a new one.`,
    );
  }
  return link;
}

/**
 * Marks a link used inside the caller's transaction; false when another request used it first
 * (the update matches only an unused, unexpired link, so a link is consumed at most once).
 */
export async function consumeLink(
  tx: Pick<typeof db, "accountLink">,
  linkId: string,
): Promise<boolean> {
  const now = new Date();
  const { count } = await tx.accountLink.updateMany({
    where: { id: linkId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

export function alreadyUsed(purpose: AccountLinkPurpose): BerthError {
  return new BerthError(
    "CONFLICT",
    `This ${WORDS[purpose]} was already used. Each link works once: sign in, or ask your administrator for a new one.`,
  );
}
