/**
 * Benchmark: the hash-chained audit log. Appends BENCH_AUDIT_ROWS (default 2000) rows, first one
 * at a time and then from BENCH_AUDIT_WRITERS (default 20) concurrent writers that all serialise
 * on the chain's advisory lock, then times a full verification of the chain.
 */
import { startTestPostgres } from "../harness/postgres";

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 2000);
const WRITERS = Number(process.env.BENCH_AUDIT_WRITERS ?? 20);

export async function run(): Promise<void> {
  const pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  const { disconnectDb } = await import("@/lib/db");
  const { recordAudit } = await import("@/lib/services/audit/record-audit");
  const { verifyAuditChain } = await import("@/lib/services/audit/verify-audit-chain");
  const write = (i: number) =>
    recordAudit({
      actor: { label: "bench@example.test" },
      action: "container.restart",
      outcome: "SUCCESS",
      hostId: "host-1",
      target: `web-${i}`,
      params: { timeout: 10, signal: "SIGTERM", index: i },
      clientAddress: "10.0.0.5",
    });
  try {
    const half = Math.floor(ROWS / 2);
    let started = performance.now();
    for (let i = 0; i < half; i++) await write(i);
    const serialMs = performance.now() - started;
    console.log(
      `one writer:   ${half} rows in ${serialMs.toFixed(0)} ms (${((serialMs / half) * 1000).toFixed(0)} µs a row)`,
    );

    started = performance.now();
    let next = half;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < ROWS) await write(next++);
      }),
    );
    const concurrentMs = performance.now() - started;
    console.log(
      `${WRITERS} writers:  ${ROWS - half} rows in ${concurrentMs.toFixed(0)} ms (${(((ROWS - half) / concurrentMs) * 1000).toFixed(0)} rows/s)`,
    );

    started = performance.now();
    const report = await verifyAuditChain();
    const verifyMs = performance.now() - started;
    if (report.firstBad || report.checked !== ROWS) {
      throw new Error(
        `chain broken: ${JSON.stringify(report, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`,
      );
    }
    console.log(`verify:       ${report.checked} rows in ${verifyMs.toFixed(0)} ms`);
  } finally {
    await disconnectDb();
    await pg.stop();
  }
}
