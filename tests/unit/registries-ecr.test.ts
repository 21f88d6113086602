import http from "node:http";
import type { AddressInfo } from "node:net";
import aws4 from "aws4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BerthError, ecrRegionOf } from "@/lib/protocol";
import {
  callEcr,
  describeEcrRepositories,
  fetchEcrLogin,
  parseAuthorizationReply,
  signedEcrRequest,
  type EcrAccess,
  type EcrLogin,
} from "@/lib/registries/ecr";
import {
  cachedEcrLogin,
  ECR_LOGIN_MARGIN_MS,
  forgetEcrLogin,
  rememberEcrLogin,
} from "@/lib/registries/ecr-login-cache";
import { normalizeRegistry } from "@/lib/services/registries/normalize-registry";
import { sigV4Signature, startEcrApi, type EcrApiStandIn } from "../harness/ecr-api";

// AWS's published Signature V4 test suite, case "get-vanilla"
const VANILLA = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  amzDate: "20150830T123600Z",
  region: "us-east-1",
  service: "service",
  signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
};

const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const REGISTRY_PASSWORD = "eyJwYXlsb2FkIjoi:with a colon";

let api: EcrApiStandIn;
let access: EcrAccess;

beforeAll(async () => {
  api = await startEcrApi({
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    region: "eu-west-1",
    password: REGISTRY_PASSWORD,
    proxyEndpoint: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    repositories: async () => Array.from({ length: 5 }, (_, i) => `team/app${i}`),
    maxPageSize: 2,
  });
  access = {
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    region: "eu-west-1",
    endpoint: api.endpoint,
  };
});

afterAll(async () => {
  await api.stop();
});

async function refusedWith(promise: Promise<unknown>): Promise<BerthError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}

describe("Signature V4", () => {
  it("the stand-in's verifier computes AWS's published get-vanilla signature", () => {
    expect(
      sigV4Signature({
        method: "GET",
        path: "/",
        headers: { Host: "example.amazonaws.com", "X-Amz-Date": VANILLA.amzDate },
        signedHeaders: ["host", "x-amz-date"],
        body: "",
        amzDate: VANILLA.amzDate,
        region: VANILLA.region,
        service: VANILLA.service,
        secretAccessKey: VANILLA.secretAccessKey,
      }),
    ).toBe(VANILLA.signature);
  });

  it("aws4, the signer the product uses, gives the same get-vanilla Authorization", () => {
    const request = {
      host: "example.amazonaws.com",
      path: "/",
      method: "GET",
      service: VANILLA.service,
      region: VANILLA.region,
      headers: { "X-Amz-Date": VANILLA.amzDate },
    };
    aws4.sign(request, {
      accessKeyId: VANILLA.accessKeyId,
      secretAccessKey: VANILLA.secretAccessKey,
    });
    expect((request.headers as Record<string, string>).Authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${VANILLA.signature}`,
    );
  });

  it("signs GetAuthorizationToken as the ECR API expects", () => {
    const now = new Date("2026-11-23T01:02:03.456Z");
    const req = signedEcrRequest(
      { ...access, endpoint: "https://api.ecr.eu-west-1.amazonaws.com" },
      "GetAuthorizationToken",
      {},
      now,
    );
    expect(req.url).toBe("https://api.ecr.eu-west-1.amazonaws.com/");
    expect(req.method).toBe("POST");
    expect(req.body).toBe("{}");
    expect(req.headers["X-Amz-Target"]).toBe(
      "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken",
    );
    expect(req.headers["Content-Type"]).toBe("application/x-amz-json-1.1");
    expect(req.headers["X-Amz-Date"]).toBe("20261123T010203Z");
    expect(req.headers.Host).toBe("api.ecr.eu-west-1.amazonaws.com");
    const auth =
      /^AWS4-HMAC-SHA256 Credential=(\S+), SignedHeaders=(\S+), Signature=([0-9a-f]{64})$/.exec(
        req.headers.Authorization ?? "",
      );
    expect(auth?.[1]).toBe(`${KEY_ID}/20261123/eu-west-1/ecr/aws4_request`);
    const signed = auth![2]!.split(";");
    expect(signed).toEqual(
      expect.arrayContaining(["content-type", "host", "x-amz-date", "x-amz-target"]),
    );
    // an independent implementation of the algorithm agrees
    expect(
      sigV4Signature({
        method: "POST",
        path: "/",
        headers: req.headers,
        signedHeaders: signed,
        body: req.body,
        amzDate: "20261123T010203Z",
        region: "eu-west-1",
        service: "ecr",
        secretAccessKey: SECRET,
      }),
    ).toBe(auth![3]);
    expect(JSON.stringify(req)).not.toContain(SECRET);
  });
});

describe("GetAuthorizationToken", () => {
  it("turns the reply's token into the registry login user AWS + password", async () => {
    const before = Date.now();
    const login = await fetchEcrLogin(access);
    expect(login.username).toBe("AWS");
    expect(login.password).toBe(REGISTRY_PASSWORD);
    expect(login.expiresAt).toBeGreaterThan(before + 11 * 3600_000);
  });

  it("says which part of the key AWS refused, next to that field", async () => {
    const unknown = await refusedWith(fetchEcrLogin({ ...access, accessKeyId: "AKIANOTKNOWN" }));
    expect(unknown.code).toBe("FORBIDDEN");
    expect(unknown.field).toBe("username");
    expect(unknown.message).toMatch(/^AWS refused the access key: .*UnrecognizedClientException/);

    const wrong = await refusedWith(fetchEcrLogin({ ...access, secretAccessKey: "not it" }));
    expect(wrong.field).toBe("password");
    expect(wrong.message).toMatch(
      /^AWS refused the access key: the secret access key does not match/,
    );
    expect(wrong.message).toMatch(/InvalidSignatureException/);
    expect(wrong.message).not.toContain("not it");

    const region = await refusedWith(fetchEcrLogin({ ...access, region: "us-east-2" }));
    expect(region.field).toBe("region");
    expect(region.message).toMatch(/the region does not match the API endpoint/);
  });

  it("says when the endpoint is unreachable or is not the ECR API", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const unreachable = await refusedWith(
      fetchEcrLogin({ ...access, endpoint: `http://127.0.0.1:${port}` }),
    );
    expect(unreachable.field).toBe("apiEndpoint");
    expect(unreachable.message).toMatch(
      /unreachable at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );

    const html = http.createServer((_req, res) => res.end("<html>a web page</html>"));
    await new Promise<void>((r) => html.listen(0, "127.0.0.1", r));
    try {
      const notJson = await refusedWith(
        callEcr(
          { ...access, endpoint: `http://127.0.0.1:${(html.address() as AddressInfo).port}` },
          "GetAuthorizationToken",
        ),
      );
      expect(notJson.message).toMatch(/not JSON: is this the ECR API endpoint\?/);
    } finally {
      await new Promise((r) => html.close(r));
    }
  });

  it("refuses a reply without a usable token", () => {
    for (const reply of [
      {},
      { authorizationData: [] },
      { authorizationData: [{ authorizationToken: "", expiresAt: 1 }] },
      {
        authorizationData: [
          { authorizationToken: Buffer.from("no colon").toString("base64"), expiresAt: 1 },
        ],
      },
    ]) {
      expect(() => parseAuthorizationReply(reply, "https://x")).toThrow(
        /no usable authorization token/,
      );
    }
    expect(
      parseAuthorizationReply(
        {
          authorizationData: [
            {
              authorizationToken: Buffer.from("AWS:p:w").toString("base64"),
              expiresAt: 1700000000.5,
            },
          ],
        },
        "https://x",
      ),
    ).toEqual({ username: "AWS", password: "p:w", expiresAt: 1700000000500 });
  });

  it("lists repositories with DescribeRepositories, page by page", async () => {
    const before = api.calls.DescribeRepositories ?? 0;
    expect(await describeEcrRepositories(access)).toEqual([
      "team/app0",
      "team/app1",
      "team/app2",
      "team/app3",
      "team/app4",
    ]);
    expect(api.calls.DescribeRepositories! - before).toBe(3);
  });
});

describe("login cache", () => {
  const login = (expiresAt: number): EcrLogin => ({ username: "AWS", password: "pw", expiresAt });

  it("keeps a login until 5 minutes before it expires, per registry and credentials", async () => {
    let now = 1_000_000;
    let fetched = 0;
    const fetch = async () => {
      fetched++;
      return login(now + 12 * 3600_000);
    };
    const clock = () => now;
    await cachedEcrLogin("r1", "k1", fetch, clock);
    await cachedEcrLogin("r1", "k1", fetch, clock);
    expect(fetched).toBe(1);
    await cachedEcrLogin("r2", "k1", fetch, clock);
    expect(fetched).toBe(2);
    now += 12 * 3600_000 - ECR_LOGIN_MARGIN_MS - 1;
    await cachedEcrLogin("r1", "k1", fetch, clock);
    expect(fetched).toBe(2);
    now += 2;
    await cachedEcrLogin("r1", "k1", fetch, clock);
    expect(fetched).toBe(3);
    // other credentials (a changed key) never get the old login
    await cachedEcrLogin("r1", "k2", fetch, clock);
    expect(fetched).toBe(4);
    forgetEcrLogin("r1");
    await cachedEcrLogin("r1", "k2", fetch, clock);
    expect(fetched).toBe(5);
    rememberEcrLogin("r3", "k3", login(now + 3600_000));
    await cachedEcrLogin("r3", "k3", fetch, clock);
    expect(fetched).toBe(5);
    forgetEcrLogin("r2");
    forgetEcrLogin("r3");
  });

  it("shares one request between concurrent callers and does not keep a failure", async () => {
    let fetched = 0;
    let release: () => void = () => undefined;
    const slow = () => {
      fetched++;
      return new Promise<EcrLogin>((resolve) => {
        release = () => resolve(login(Date.now() + 3600_000));
      });
    };
    const both = Promise.all([cachedEcrLogin("c1", "k", slow), cachedEcrLogin("c1", "k", slow)]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    await both;
    expect(fetched).toBe(1);

    const failing = () => Promise.reject(new BerthError("FORBIDDEN", "refused"));
    await expect(cachedEcrLogin("c2", "k", failing)).rejects.toThrow("refused");
    const ok = () => Promise.resolve(login(Date.now() + 3600_000));
    await expect(cachedEcrLogin("c2", "k", ok)).resolves.toMatchObject({ username: "AWS" });
    forgetEcrLogin("c1");
    forgetEcrLogin("c2");
  });
});

describe("ECR registry input", () => {
  it("reads the region from an ECR address and asks for it otherwise", () => {
    expect(ecrRegionOf("123456789012.dkr.ecr.eu-west-1.amazonaws.com")).toBe("eu-west-1");
    expect(ecrRegionOf("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com")).toBe(
      "us-gov-west-1",
    );
    expect(ecrRegionOf("registry.example.com")).toBeNull();
    const base = {
      name: "ecr",
      kind: "ECR",
      url: "https://123456789012.dkr.ecr.eu-central-1.amazonaws.com/",
      username: KEY_ID,
      password: SECRET,
    };
    expect(normalizeRegistry(base)).toMatchObject({
      host: "123456789012.dkr.ecr.eu-central-1.amazonaws.com",
      region: "eu-central-1",
      apiEndpoint: null,
    });
    expect(
      normalizeRegistry({ ...base, region: "eu-west-3", apiEndpoint: "https://vpce.example/" }),
    ).toMatchObject({ region: "eu-west-3", apiEndpoint: "https://vpce.example" });
    const noRegion = (() => {
      try {
        normalizeRegistry({ ...base, url: "https://registry.example.com" });
      } catch (err) {
        return err as BerthError;
      }
    })();
    expect(noRegion?.field).toBe("region");
    expect(() => normalizeRegistry({ ...base, username: "" })).toThrow(/access key id/);
    // other kinds carry no ECR settings
    expect(normalizeRegistry({ ...base, kind: "V2_BASIC", region: "eu-west-1" })).toMatchObject({
      region: null,
      apiEndpoint: null,
    });
  });
});
