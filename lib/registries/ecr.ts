import http from "node:http";
import https from "node:https";
import aws4 from "aws4";
import { z } from "zod";
import { BerthError, defaultEcrEndpoint } from "@/lib/protocol";

/** What Berth needs to ask Amazon ECR for a registry login. */
export type EcrAccess = {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Base URL of the ECR API, e.g. https://api.ecr.eu-west-1.amazonaws.com */
  endpoint: string;
};

/** A registry login ECR handed out: user "AWS" and a password valid for about 12 hours. */
export type EcrLogin = { username: string; password: string; expiresAt: number };

const TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";
const TIMEOUT_MS = 10_000;
const MAX_REPLY_BYTES = 4 * 1024 * 1024;

export type SignedRequest = {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
};

/** One ECR API call (JSON 1.1 protocol) signed with AWS Signature V4 for service "ecr". */
export function signedEcrRequest(
  access: EcrAccess,
  action: string,
  payload: Record<string, unknown>,
  now: Date = new Date(),
): SignedRequest {
  const url = new URL(access.endpoint);
  const body = JSON.stringify(payload);
  const request = {
    host: url.host,
    path: "/",
    method: "POST",
    service: "ecr",
    region: access.region,
    body,
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `${TARGET_PREFIX}.${action}`,
      "X-Amz-Date": now.toISOString().replace(/[:-]|\.\d{3}/g, ""),
    },
  };
  // explicit credentials always: aws4 would otherwise fall back to the process's AWS_* variables
  aws4.sign(request, {
    accessKeyId: access.accessKeyId,
    secretAccessKey: access.secretAccessKey,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
  return { url: `${url.protocol}//${url.host}/`, method: "POST", headers, body };
}

const ErrorReplySchema = z.object({
  __type: z.string().optional(),
  message: z.string().optional(),
  Message: z.string().optional(),
});

/** AWS's words for a refusal, turned into what the user should check. */
function refusal(
  action: string,
  status: number,
  text: string,
  errorTypeHeader: string | undefined,
): BerthError {
  let type = errorTypeHeader ?? "";
  let message = "";
  try {
    const parsed = ErrorReplySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      type = parsed.data.__type ?? type;
      message = (parsed.data.message ?? parsed.data.Message ?? "").replace(/\.$/, "");
    }
  } catch {
    // not JSON: the status alone says it
  }
  // "com.amazon.coral.service#UnrecognizedClientException" and "X:http://..." both occur
  type = (type.split("#").pop() ?? "").split(":")[0] ?? "";
  const said = message ? `${type}: ${message}` : type || `HTTP ${status}`;
  if (type === "UnrecognizedClientException") {
    return new BerthError(
      "FORBIDDEN",
      `AWS refused the access key: AWS does not know this access key id (${said}).`,
      "username",
      { external: true },
    );
  }
  if (type === "InvalidSignatureException" && /scoped/i.test(message)) {
    return new BerthError(
      "FORBIDDEN",
      `AWS refused the request: the region does not match the API endpoint (${said}).`,
      "region",
      { external: true },
    );
  }
  if (type === "InvalidSignatureException" || type === "SignatureDoesNotMatch") {
    return new BerthError(
      "FORBIDDEN",
      `AWS refused the access key: the secret access key does not match it (${said}).`,
      "password",
      { external: true },
    );
  }
  if (type === "AccessDeniedException") {
    return new BerthError(
      "FORBIDDEN",
      `AWS refused the access key: its IAM policy must allow ecr:${action} (${said}).`,
      "password",
      { external: true },
    );
  }
  if (status === 400 || status === 401 || status === 403) {
    return new BerthError("FORBIDDEN", `AWS refused the access key (${said}).`, "password", {
      external: true,
    });
  }
  return new BerthError("ENGINE_ERROR", `Amazon ECR answered ${said}.`);
}

function send(request: SignedRequest): Promise<{ status: number; text: string; type?: string }> {
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: request.method, headers: request.headers, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) req.destroy(new Error("reply too large"));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          const type = res.headers["x-amzn-errortype"];
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            type: typeof type === "string" ? type : undefined,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Calls one ECR API action and returns its parsed JSON reply; errors in the user's words. */
export async function callEcr(
  access: EcrAccess,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<unknown> {
  let reply: { status: number; text: string; type?: string };
  try {
    reply = await send(signedEcrRequest(access, action, payload));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why =
      code === "TIMEOUT"
        ? "no answer within 10 s"
        : typeof code === "string"
          ? code
          : err instanceof Error
            ? err.message
            : String(err);
    throw new BerthError(
      "ENGINE_ERROR",
      `Amazon ECR's API is unreachable at ${access.endpoint} (${why}).`,
      "apiEndpoint",
    );
  }
  if (reply.status < 200 || reply.status >= 300)
    throw refusal(action, reply.status, reply.text, reply.type);
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    throw new BerthError(
      "ENGINE_ERROR",
      `Amazon ECR's API at ${access.endpoint} sent a reply that is not JSON: is this the ECR API endpoint?`,
      "apiEndpoint",
    );
  }
}

const AuthorizationReplySchema = z.object({
  authorizationData: z
    .array(
      z.object({
        authorizationToken: z.string().min(1),
        expiresAt: z.number().positive(),
        proxyEndpoint: z.string().optional(),
      }),
    )
    .min(1),
});

/** Reads GetAuthorizationToken's reply: the token is base64 of "AWS:<password>". */
export function parseAuthorizationReply(reply: unknown, endpoint: string): EcrLogin {
  const parsed = AuthorizationReplySchema.safeParse(reply);
  const malformed = () =>
    new BerthError(
      "ENGINE_ERROR",
      `Amazon ECR's API at ${endpoint} sent no usable authorization token.`,
      "apiEndpoint",
    );
  if (!parsed.success) throw malformed();
  const data = parsed.data.authorizationData[0]!;
  const decoded = Buffer.from(data.authorizationToken, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) throw malformed();
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    // expiresAt is epoch seconds (fractional in some SDKs' renderings)
    expiresAt: Math.round(data.expiresAt * 1000),
  };
}

/** `aws ecr get-login-password`: a registry login for the access key. */
export async function fetchEcrLogin(access: EcrAccess): Promise<EcrLogin> {
  return parseAuthorizationReply(
    await callEcr(access, "GetAuthorizationToken", {}),
    access.endpoint,
  );
}

const RepositoriesReplySchema = z.object({
  repositories: z.array(z.object({ repositoryName: z.string() })).default([]),
  nextToken: z.string().optional(),
});

const MAX_PAGES = 50;

/** The repositories of the account's registry (ECR has no v2 catalog: DescribeRepositories). */
export async function describeEcrRepositories(access: EcrAccess): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const parsed = RepositoriesReplySchema.safeParse(
      await callEcr(access, "DescribeRepositories", {
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    if (!parsed.success) {
      throw new BerthError("ENGINE_ERROR", "Amazon ECR sent a repository list Berth cannot read.");
    }
    names.push(...parsed.data.repositories.map((r) => r.repositoryName));
    nextToken = parsed.data.nextToken;
    if (!nextToken) break;
  }
  return names;
}

/** The API endpoint a registry's logins come from: the override, or the region's default. */
export const ecrEndpointOf = (row: { region: string | null; apiEndpoint: string | null }) =>
  row.apiEndpoint ?? (row.region ? defaultEcrEndpoint(row.region) : null);
