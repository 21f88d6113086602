import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createPrivateKey, randomUUID, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports";

/**
 * A private registry for push/pull tests: Debian's docker-registry (distribution 2.8) with
 * htpasswd basic auth, token auth (as Docker Hub and ACR use) against a small token service
 * run here, or no auth at all (an open registry anyone may pull from), on an address the test
 * owns (the harness bridge gateway, so simulated hosts' engines reach it; start them with that
 * subnet as an insecure registry).
 */
export type TestRegistry = {
  /** host:port, as image names carry it */
  host: string;
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
};

const SERVICE = "berth-test-registry";
const ISSUER = "berth-test-issuer";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** One scope parameter: "repository:team/app:pull,push" → an access entry of the token. */
function accessOf(scope: string): { type: string; name: string; actions: string[] } | null {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  if (first < 0 || last <= first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(","),
  };
}

/**
 * The token service of distribution's token auth: checks the user's basic credentials and
 * issues an ES256 JWT for the scopes asked, signed by a certificate the registry trusts (x5c).
 */
function startTokenService(
  address: string,
  port: number,
  key: KeyObject,
  certDer: Buffer,
  username: string,
  password: string,
): Promise<http.Server> {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${address}`);
    if (url.pathname !== "/token" || req.headers.authorization !== expected) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ details: "wrong user name or password" }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "ES256", typ: "JWT", x5c: [certDer.toString("base64")] };
    const claims = {
      iss: ISSUER,
      sub: username,
      aud: url.searchParams.get("service") ?? SERVICE,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: url.searchParams.getAll("scope").flatMap((s) => accessOf(s) ?? []),
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
    const token = `${input}.${b64url(signature)}`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
  });
  return new Promise((resolve) => server.listen(port, address, () => resolve(server)));
}

export async function startRegistry(
  address: string,
  username = "pusher",
  password = "registry secret 42",
  auth: "htpasswd" | "token" | "none" = "htpasswd",
): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "berth-registry-"));
  const host = `${address}:${await freePort(address)}`;
  await mkdir(path.join(dir, "data"));
  let authConfig: string[] = [];
  let tokens: http.Server | null = null;
  if (auth === "htpasswd") {
    const htpasswd = spawnSync("htpasswd", ["-Bbn", username, password], { encoding: "utf8" });
    if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
    await writeFile(path.join(dir, "htpasswd"), htpasswd.stdout);
    authConfig = [
      "  htpasswd:",
      "    realm: berth-test",
      `    path: ${path.join(dir, "htpasswd")}`,
    ];
  } else if (auth === "token") {
    const keyFile = path.join(dir, "token.key");
    const certFile = path.join(dir, "token.crt");
    const made = spawnSync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-subj",
      "/CN=berth-test-token-issuer",
      "-days",
      "1",
    ]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
    const pem = readFileSync(certFile, "utf8");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    const tokenPort = await freePort(address);
    tokens = await startTokenService(
      address,
      tokenPort,
      createPrivateKey(readFileSync(keyFile)),
      der,
      username,
      password,
    );
    authConfig = [
      "  token:",
      `    realm: http://${address}:${tokenPort}/token`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${certFile}`,
    ];
  }
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
    ...(authConfig.length > 0 ? ["auth:", ...authConfig] : []),
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
      if ((await fetch(`${url}/v2/`)).status === (auth === "none" ? 200 : 401)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill("SIGKILL");
      tokens?.close();
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
      await new Promise((r) => (tokens ? tokens.close(r) : r(undefined)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
