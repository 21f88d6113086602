import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startHosts } from "../harness/hosts";
import { freePort } from "../harness/ports";
import { startTestPostgres } from "../harness/postgres";
import { startServer } from "../harness/server";
import { E2E_ENV_FILE, type E2eEnv } from "./env";

/**
 * One real stack for the browser tests: PostgreSQL, the built server and one simulated host with
 * its own dockerd. The tests enrol that host's agent with a token created in the UI.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const pg = await startTestPostgres();
  // any harness bridge subnet: the images spec runs a registry on the bridge gateway
  const sim = await startHosts(1, { insecureRegistries: ["10.99.0.0/16"] });
  const port = await freePort("0.0.0.0");
  const server = await startServer({ databaseUrl: pg.url, port, host: "0.0.0.0" });
  const host = sim.hosts[0];
  if (!host) throw new Error("no simulated host");
  const version = await host.docker(["version", "--format", "{{.Server.Version}}"]);
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-e2e-agent-"));
  const env: E2eEnv = {
    baseUrl: `http://127.0.0.1:${port}`,
    agentServerUrl: `http://${sim.gatewayIp}:${port}`,
    databaseUrl: pg.url,
    setupToken: await server.setupToken(),
    hostName: host.name,
    engineVersion: version.stdout.trim(),
    agentStatePath: path.join(stateDir, "state.json"),
    host: { name: host.name, netns: host.netns, dockerHost: host.dockerHost, ip: host.ip },
  };
  await mkdir(path.dirname(E2E_ENV_FILE), { recursive: true });
  await writeFile(E2E_ENV_FILE, JSON.stringify(env, null, 2));

  return async () => {
    await server.stop();
    await sim.stop();
    await pg.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
}
