import { spawnSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { startAgent, type AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";

/** The administrator 01-first-run creates; later files sign in as them. */
export const ADMIN = {
  name: "Ada Admin",
  email: "ada@example.test",
  password: "correct horse battery",
};

export const IMAGE = "berth-test/busybox:1";
export const SHOTS = "tests/artifacts/screenshots";

/** Fills the login form; the caller checks where it leads. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${e2eEnv().baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the hosts page. */
export async function signIn(
  page: Page,
  who: { email: string; password: string } = ADMIN,
): Promise<void> {
  await submitLogin(page, who.email, who.password);
  await expect(page).toHaveURL(/\/hosts$/);
}

/** The docker CLI against the simulated host, for setting up and checking what the UI did. */
export function docker(args: string[]): string {
  const out = spawnSync("/usr/bin/docker", ["-H", e2eEnv().host.dockerHost, ...args], {
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout;
}

/**
 * Brings the host enrolled in 01-first-run back online: its agent kept its key in the state
 * file, so it reconnects without a token. Returns the agent and the host's id.
 */
export async function reconnectHost(): Promise<{ agent: AgentProcess; hostId: string }> {
  const env = e2eEnv();
  process.env.DATABASE_URL = env.databaseUrl;
  const agent = await startAgent({
    host: env.host,
    serverUrl: env.agentServerUrl,
    statePath: env.agentStatePath,
  });
  const { db } = await import("@/lib/db");
  const host = await db.host.findFirstOrThrow({ where: { name: "edge-01" } });
  return { agent, hostId: host.id };
}

/** Stops what reconnectHost started and closes the test's database connections. */
export async function releaseHost(agent: AgentProcess | null): Promise<void> {
  await agent?.kill();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
}
