import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Stands in for the Amazon ECR API on loopback (AWS cannot be reached from tests). It checks
 * requests the way AWS does: JSON 1.1 protocol, the X-Amz-Target, and the Signature V4
 * `Authorization` header recomputed here from the known access key (with node:crypto, apart
 * from the signing library the product uses). On success it hands out a registry login for
 * user "AWS", the password a real registry (tests/harness/registry.ts) accepts.
 */
export type EcrApiStandIn = {
  /** http://127.0.0.1:port: the registry's "API endpoint" override */
  endpoint: string;
  /** Requests answered with success, by action ("GetAuthorizationToken", ...) */
  calls: Record<string, number>;
  /** How long the logins handed out from now on are valid */
  validForSeconds: number;
  /** Replaces the secret AWS knows for the key (as if it were rotated at AWS). */
  setSecret(secretAccessKey: string): void;
  stop(): Promise<void>;
};

const TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
const MAX_SKEW_MS = 5 * 60_000;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();

/**
 * The Signature V4 signature of a request without a query string, as AWS computes it
 * (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 */
export function sigV4Signature(request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  signedHeaders: string[];
  body: string | Buffer;
  amzDate: string;
  region: string;
  service: string;
  secretAccessKey: string;
}): string {
  const names = [...request.signedHeaders].map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const canonicalHeaders = names
    .map((n) => `${n}:${(lower[n] ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    request.path,
    "",
    canonicalHeaders,
    names.join(";"),
    sha256(request.body),
  ].join("\n");
  const day = request.amzDate.slice(0, 8);
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", request.amzDate, scope, sha256(canonicalRequest)].join(
    "\n",
  );
  const key = hmac(
    hmac(hmac(hmac(`AWS4${request.secretAccessKey}`, day), request.region), request.service),
    "aws4_request",
  );
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

function amzDateMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export async function startEcrApi(options: {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** the password the registry login carries (user "AWS") */
  password: string;
  /** the registry's address, as ECR's proxyEndpoint */
  proxyEndpoint: string;
  /** the account's repositories, for DescribeRepositories */
  repositories: () => Promise<string[]>;
  /** DescribeRepositories' page size limit (AWS's is 1000) */
  maxPageSize?: number;
}): Promise<EcrApiStandIn> {
  let secret = options.secretAccessKey;
  const calls: Record<string, number> = {};
  const state = { validForSeconds: 12 * 3600 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const reply = (status: number, payload: unknown, errorType?: string) => {
        res.writeHead(status, {
          "content-type": "application/x-amz-json-1.1",
          ...(errorType ? { "x-amzn-errortype": errorType } : {}),
        });
        res.end(JSON.stringify(payload));
      };
      const fail = (status: number, type: string, message: string) =>
        reply(status, { __type: type, message }, type);

      if (req.method !== "POST" || req.url !== "/") {
        return fail(404, "UnknownOperationException", "Not found");
      }
      if (req.headers["content-type"] !== "application/x-amz-json-1.1") {
        return fail(400, "SerializationException", "Unexpected content type");
      }
      const target = String(req.headers["x-amz-target"] ?? "");
      if (!target.startsWith(TARGET_PREFIX)) {
        return fail(400, "UnknownOperationException", "Unknown operation");
      }
      const auth =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
          String(req.headers.authorization ?? ""),
        );
      if (!auth) {
        return fail(400, "IncompleteSignatureException", "Authorization header is malformed.");
      }
      const [, keyId, day, region, service, signedList, signature] = auth;
      if (keyId !== options.accessKeyId) {
        return fail(
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.",
        );
      }
      const amzDate = String(req.headers["x-amz-date"] ?? "");
      const signed = signedList!.split(";");
      if (!signed.includes("host") || !signed.includes("x-amz-date")) {
        return fail(400, "IncompleteSignatureException", "host and x-amz-date must be signed.");
      }
      if (
        !(Math.abs(amzDateMs(amzDate) - Date.now()) < MAX_SKEW_MS) ||
        day !== amzDate.slice(0, 8)
      ) {
        return fail(400, "InvalidSignatureException", "Signature expired or not yet valid.");
      }
      if (region !== options.region || service !== "ecr") {
        return fail(
          400,
          "InvalidSignatureException",
          `Credential should be scoped to a valid region and service 'ecr', not '${region}/${service}'.`,
        );
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const expected = sigV4Signature({
        method: "POST",
        path: "/",
        headers,
        signedHeaders: signed,
        body,
        amzDate,
        region,
        service,
        secretAccessKey: secret,
      });
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
        return fail(
          400,
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
        );
      }
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      } catch {
        return fail(400, "SerializationException", "Body is not JSON");
      }
      const action = target.slice(TARGET_PREFIX.length);
      if (action === "GetAuthorizationToken") {
        calls[action] = (calls[action] ?? 0) + 1;
        return reply(200, {
          authorizationData: [
            {
              authorizationToken: Buffer.from(`AWS:${options.password}`).toString("base64"),
              expiresAt: Date.now() / 1000 + state.validForSeconds,
              proxyEndpoint: options.proxyEndpoint,
            },
          ],
        });
      }
      if (action === "DescribeRepositories") {
        calls[action] = (calls[action] ?? 0) + 1;
        const size = Math.min(
          typeof payload.maxResults === "number" ? payload.maxResults : 100,
          options.maxPageSize ?? 1000,
        );
        const from = typeof payload.nextToken === "string" ? Number(payload.nextToken) : 0;
        void options.repositories().then(
          (names) =>
            reply(200, {
              repositories: names.slice(from, from + size).map((repositoryName) => ({
                repositoryName,
                repositoryUri: `${new URL(options.proxyEndpoint).host}/${repositoryName}`,
              })),
              ...(from + size < names.length ? { nextToken: String(from + size) } : {}),
            }),
          (err: unknown) => fail(500, "ServerException", String(err)),
        );
        return;
      }
      return fail(400, "UnknownOperationException", `Unknown operation ${action}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    get validForSeconds() {
      return state.validForSeconds;
    },
    set validForSeconds(seconds: number) {
      state.validForSeconds = seconds;
    },
    setSecret(secretAccessKey: string) {
      secret = secretAccessKey;
    },
    async stop() {
      await new Promise((r) => server.close(r));
    },
  };
}
