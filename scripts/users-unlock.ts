/**
 * Lifts the sign-in lock on an account, from every address.
 *
 *   node --import tsx scripts/users-unlock.ts <email>      (npm run users:unlock -- <email>)
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL under BERTH_DATA (default ./data), as
 * audit:verify does. Writes a "user.unlock" row to the audit log.
 * Exit codes: 0 unlocked, 1 no such account, 2 the command could not run.
 */
import { openDatabase } from "./open-database";

async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email || process.argv.length > 3) {
    console.error("usage: npm run users:unlock -- <email>");
    return 2;
  }
  const database = await openDatabase();
  const { disconnectDb } = await import("../lib/db");
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
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`users:unlock: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
