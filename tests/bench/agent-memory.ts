/**
 * The agent's idle memory: the single executable the installer puts on hosts next to the same
 * bundle run by node, both enrolled and connected to a real server and a real engine, sampled
 * after BENCH_IDLE_S (20) seconds of idling. Goal: at most 50 MB resident.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { AGENT_EXECUTABLE, startAgent } from "../harness/agent";
import { startStack, waitFor } from "../harness/stack";
import { rss, rssParts } from "./process-memory";

const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 20);
const SAMPLES = 10;
const MiB = 1024 * 1024;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function run(): Promise<void> {
  const stack = await startStack();
  const host = stack.hosts[0]!;
  try {
    const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
    const { token } = await createEnrollmentToken({ system: "bench" }, { hostName: "sea" });
    const started = performance.now();
    const sea = await startAgent({
      host,
      executable: AGENT_EXECUTABLE,
      serverUrl: stack.server.url,
      enrollToken: token,
      statePath: path.join(stack.stateDir, "sea.json"),
      name: "sea",
    });
    await waitFor("the executable's host online", async () => {
      const body = (await (await stack.admin.fetch("/api/hosts")).json()) as {
        hosts: Array<{ name: string; online: boolean }>;
      };
      return body.hosts.some((h) => h.name === "sea" && h.online);
    });
    const onlineMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const agents = [
      { label: "single executable", pid: sea.pid, values: [] as number[] },
      { label: "node dist/agent.cjs", pid: stack.agents[0]!.pid, values: [] as number[] },
    ];
    for (let i = 0; i < SAMPLES; i++) {
      for (const agent of agents) agent.values.push(await rss(agent.pid));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const { size } = await stat(AGENT_EXECUTABLE);
    console.log(`executable ${path.basename(AGENT_EXECUTABLE)}: ${(size / MiB).toFixed(0)} MiB`);
    console.log(`executable: token to host online ${onlineMs.toFixed(0)} ms`);
    const mib = (v: number) => `${(v / MiB).toFixed(1)} MiB`;
    for (const agent of agents) {
      const parts = await rssParts(agent.pid);
      console.log(
        `${agent.label}: idle RSS median ${mib(median(agent.values))}, max ${mib(Math.max(...agent.values))} ` +
          `(after ${IDLE_S} s idle, ${SAMPLES} samples; now ${mib(parts.anon)} anonymous + ` +
          `${mib(parts.file)} mapped from files, mostly the Node runtime itself)`,
      );
    }
    await sea.kill();
  } finally {
    await stack.stop();
  }
}
