/**
 * Lifts the sign-in lock on an account, from every address.
 *
 *   node --import tsx scripts/users-unlock.ts <email>      (npm run users:unlock -- <email>)
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL under BERTH_DATA (default ./data), as
 * audit:verify does. Writes a "user.unlock" row to the audit log.
 * Exit codes: 0 unlocked, 1 no such account, 2 the command could not run.
 */
import { runWithDatabase } from "./open-database";

const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error("usage: npm run users:unlock -- <email>");
  process.exit(2);
}

runWithDatabase("users:unlock", async () => {
  const { BerthError } = await import("../lib/protocol");
  const { unlockUser } = await import("../lib/services/users/unlock-user");
  try {
    const cleared = await unlockUser(email, "command line");
    console.log(
      `${email.trim().toLowerCase()} may sign in again (${cleared} recorded failure(s) cleared).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BerthError && error.code === "NOT_FOUND") {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});
