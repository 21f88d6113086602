import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryClient } from "@/lib/registries/v2-client";

/** A registry on 127.0.0.1 whose token service is on a host name that names it differently. */
let registry: http.Server;
let tokens: http.Server;
const seenAuth: Array<string | undefined> = [];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

let registryPort = 0;
let tokenPort = 0;
let realmHost = "";

beforeAll(async () => {
  tokens = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ token: "t" }));
  });
  tokenPort = await listen(tokens);
  registry = http.createServer((req, res) => {
    if (req.headers.authorization === "Bearer t") {
      res.end("{}");
      return;
    }
    res.statusCode = 401;
    res.setHeader("www-authenticate", `Bearer realm="http://${realmHost}:${tokenPort}/token"`);
    res.end();
  });
  registryPort = await listen(registry);
});

afterAll(() => {
  registry.close();
  tokens.close();
});

describe("registry token challenges", () => {
  const credentials = { username: "u", password: "secret" };

  it("sends the password to a plain-http token service on the registry's own host", async () => {
    realmHost = "127.0.0.1";
    seenAuth.length = 0;
    await new RegistryClient(`http://127.0.0.1:${registryPort}`, credentials).ping();
    expect(seenAuth[0]).toBe(`Basic ${Buffer.from("u:secret").toString("base64")}`);
  });

  it("never sends it in clear text to a token service on another host", async () => {
    realmHost = "localhost";
    seenAuth.length = 0;
    await new RegistryClient(`http://127.0.0.1:${registryPort}`, credentials).ping();
    expect(seenAuth).toHaveLength(1);
    expect(seenAuth[0]).toBeUndefined();
  });
});
