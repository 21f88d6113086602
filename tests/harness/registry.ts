import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports";

/**
 * A private registry for push/pull tests: Debian's docker-registry (distribution 2.8) with
 * htpasswd basic auth, on an address the test owns (the harness bridge gateway, so simulated
 * hosts' engines reach it; start them with that subnet as an insecure registry).
 */
export type TestRegistry = {
  /** host:port, as image names carry it */
  host: string;
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
};

export async function startRegistry(
  address: string,
  username = "pusher",
  password = "registry secret 42",
): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "berth-registry-"));
  const host = `${address}:${await freePort(address)}`;
  const htpasswd = spawnSync("htpasswd", ["-Bbn", username, password], { encoding: "utf8" });
  if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
  await mkdir(path.join(dir, "data"));
  await writeFile(path.join(dir, "htpasswd"), htpasswd.stdout);
  const config = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${path.join(dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${host}`,
    "auth:",
    "  htpasswd:",
    "    realm: berth-test",
    `    path: ${path.join(dir, "htpasswd")}`,
    "",
  ].join("\n");
  await writeFile(path.join(dir, "config.yml"), config);
  const proc: ChildProcess = spawn(
    "/usr/bin/docker-registry",
    ["serve", path.join(dir, "config.yml")],
    { stdio: "ignore" },
  );
  const url = `http://${host}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/v2/`)).status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill("SIGKILL");
      throw new Error("docker-registry did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    url,
    username,
    password,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
