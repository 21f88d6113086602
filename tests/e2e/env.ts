import { readFileSync } from "node:fs";
import path from "node:path";

export const E2E_ENV_FILE = path.resolve(import.meta.dirname, "../artifacts/e2e-env.json");

export type E2eEnv = {
  baseUrl: string;
  agentServerUrl: string;
  databaseUrl: string;
  setupToken: string;
  hostName: string;
  engineVersion: string;
  agentStatePath: string;
  host: { name: string; netns: string; dockerHost: string; ip: string };
};

export function e2eEnv(): E2eEnv {
  return JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as E2eEnv;
}
