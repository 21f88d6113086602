/**
 * Checks the audit log's hash chain.
 *
 *   node --import tsx scripts/audit-verify.ts      (npm run audit:verify)
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL under BERTH_DATA (default ./data): started here
 * when the server is not running, reached with the server's credentials when it is.
 * Exit codes: 0 the chain is intact, 1 a row was tampered with (named), 2 the check could not run.
 */
import { runWithDatabase } from "./open-database";

runWithDatabase("audit:verify", async () => {
  const { verifyAuditChain } = await import("../lib/services/audit/verify-audit-chain");
  const report = await verifyAuditChain();
  const legacy =
    report.unchained > 0
      ? ` (${report.unchained} older row(s) from before the log was chained are not covered)`
      : "";
  if (report.firstBad) {
    console.error(
      `audit log TAMPERED: row ${report.firstBad.id}: ${report.firstBad.reason}. ` +
        `${report.checked} row(s) before it are intact${legacy}.`,
    );
    return 1;
  }
  console.log(`audit log intact: ${report.checked} row(s) verified${legacy}.`);
  // Removing the newest rows leaves a valid shorter chain: compare with a noted earlier tip.
  if (report.last) console.log(`newest row ${report.last.id}, hash ${report.last.hash}`);
  return 0;
});
