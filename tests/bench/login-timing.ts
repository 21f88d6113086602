/**
 * Benchmark: how long a refused sign-in takes for an existing account with a wrong password
 * and for an unknown account. They should be indistinguishable (both verify one argon2 hash and
 * write the same rows), so timing does not reveal which email addresses have accounts.
 * Run: npm run bench -- login-timing
 */
import { freePort } from "../harness/ports";
import { startTestPostgres } from "../harness/postgres";
import { startServer } from "../harness/server";
import { TestSession } from "../harness/session";

const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 100), 400);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function run(): Promise<void> {
  const pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  const server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(),
    env: { BERTH_TRUST_PROXY: "1" },
  });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({
    token: await server.setupToken(),
    name: "Root",
    email: "root@example.test",
    password: "a long enough password",
  });
  const { db, disconnectDb } = await import("@/lib/db");
  const session = new TestSession(server.url);
  const attempt = async (email: string, i: number) => {
    // The lockout would answer early after ten failures: start each attempt with a clean slate.
    await db.loginFailure.deleteMany();
    const t0 = performance.now();
    const res = await session.signIn(email, "wrong password", {
      "x-forwarded-for": `192.0.2.${(i % 250) + 1}`,
    });
    const ms = performance.now() - t0;
    if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
    return ms;
  };
  try {
    for (let i = 0; i < 5; i += 1) {
      await attempt("root@example.test", i);
      await attempt("nobody@example.test", i);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      // Interleaved, so drift in machine load touches both alike.
      known.push(await attempt("root@example.test", i));
      unknown.push(await attempt(`nobody${i}@example.test`, i));
    }
    const row = (name: string, v: number[]) =>
      `${name.padEnd(36)} p50 ${percentile(v, 50).toFixed(1)} ms   p90 ${percentile(v, 90).toFixed(1)} ms`;
    console.log(`${ROUNDS} refused sign-ins each (HTTP round trip, argon2id 19 MiB / 2 passes)`);
    console.log(row("existing account, wrong password", known));
    console.log(row("unknown account", unknown));
    const diff = percentile(unknown, 50) - percentile(known, 50);
    console.log(`difference of medians                 ${diff.toFixed(1)} ms`);
  } finally {
    await disconnectDb();
    await server.stop();
    await pg.stop();
  }
}
