/**
 * Stacks: a compose project of BENCH_STACK_SERVICES (20) services, each with a named volume on one
 * network, through Berth (server → agent: load, compile, judge every service with the host's
 * policy, converge on the Engine API) next to the same objects made with the docker CLI on the
 * host, one `docker run -d` after another. Also: the editor's check as typed (plan, p50 of
 * BENCH_STACK_ROUNDS (10)), a redeploy that changes nothing, one where one service changed, and
 * down with volumes.
 */
import { BUSYBOX_IMAGE } from "../harness/hosts";
import { startStack } from "../harness/stack";

const SERVICES = Number(process.env.BENCH_STACK_SERVICES ?? 20);
const ROUNDS = Number(process.env.BENCH_STACK_ROUNDS ?? 10);

function composeFile(greeting: string): string {
  const services = Array.from(
    { length: SERVICES },
    (_, i) =>
      `  s${i}:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n` +
      `    stop_grace_period: 1s\n    environment:\n      GREETING: "${i === 0 ? greeting : "hello"}"\n` +
      `    volumes: [v${i}:/data]\n    networks: [app]\n`,
  ).join("");
  const volumes = Array.from({ length: SERVICES }, (_, i) => `  v${i}: {}\n`).join("");
  return `services:\n${services}networks:\n  app: {}\nvolumes:\n${volumes}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export async function run(): Promise<void> {
  const stack = await startStack();
  const host = stack.hosts[0]!;
  const hostId = stack.hostIds[0]!;
  const session = stack.admin;
  const post = async (url: string, body: unknown) => {
    const res = await session.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const files = (greeting: string) => ({
    files: [{ path: "compose.yaml", content: composeFile(greeting) }],
    composeFiles: ["compose.yaml"],
  });
  try {
    console.log(`  ${SERVICES} services, each with a named volume, on one network`);

    const direct = await timed(async () => {
      await host.docker(["network", "create", "direct_app"]);
      for (let i = 0; i < SERVICES; i++) {
        await host.docker(["volume", "create", `direct_v${i}`]);
        await host.docker([
          "run",
          "-d",
          "--name",
          `direct-s${i}-1`,
          "--network",
          "direct_app",
          "-v",
          `direct_v${i}:/data`,
          "-e",
          "GREETING=hello",
          BUSYBOX_IMAGE,
          "sleep",
          "3600",
        ]);
      }
    });
    console.log(`  docker CLI, one object after another: ${seconds(direct.ms)}`);
    await host.docker([
      "rm",
      "-f",
      ...Array.from({ length: SERVICES }, (_, i) => `direct-s${i}-1`),
    ]);

    const plans: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      plans.push(
        (await timed(() => post("/api/stacks/plan", { hostId, name: "bench", ...files("a") }))).ms,
      );
    }
    plans.sort((a, b) => a - b);
    console.log(
      `  check as typed (load, compile, judge, compare with the host): p50 ${plans[Math.floor(ROUNDS / 2)]!.toFixed(0)} ms, max ${plans.at(-1)!.toFixed(0)} ms`,
    );

    const created = await timed(() =>
      post("/api/stacks", { hostId, name: "bench", ...files("a"), deploy: true }),
    );
    const id = created.value.id as string;
    if (created.value.deployError) throw new Error(String(created.value.deployError));
    console.log(
      `  first deploy through Berth: ${seconds(created.ms)} (${(created.ms / direct.ms).toFixed(2)}× the CLI)`,
    );

    const same = await timed(() => post(`/api/stacks/${id}/deploy`, {}));
    console.log(`  redeploy, nothing changed: ${seconds(same.ms)}`);

    const put = await session.fetch(`/api/stacks/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(files("b")),
    });
    if (!put.ok) throw new Error(`PUT: ${put.status} ${await put.text()}`);
    const changed = await timed(() => post(`/api/stacks/${id}/deploy`, {}));
    const steps = (changed.value.steps as Array<{ action: string; state: string }>).filter(
      (s) => /^recreat/i.test(s.action) && s.state === "done",
    );
    console.log(
      `  redeploy, one service changed: ${seconds(changed.ms)} (${steps.length} container recreated)`,
    );

    const down = await timed(() => post(`/api/stacks/${id}/down`, { removeVolumes: true }));
    console.log(`  down with volumes: ${seconds(down.ms)}`);
  } finally {
    await stack.stop();
  }
}
