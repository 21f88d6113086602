import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";
import { BerthError, type SshCredential } from "@/lib/protocol";

const READY_TIMEOUT_MS = 20_000;

/** SHA256:<base64 without padding> of a host key, as OpenSSH prints it. */
export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** The key's algorithm name, read from its wire form (a length-prefixed string first). */
export function sshKeyType(key: Buffer): string {
  const length = key.length >= 4 ? key.readUInt32BE(0) : 0;
  return key.subarray(4, 4 + length).toString("latin1");
}

/** One word for `sh`, whatever it holds: single quotes, and each ' as '\''. */
export function quoteShellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that runs a fixed script with arguments: `sh -c SCRIPT berth ARG…`, every
 * piece quoted, so an argument is only ever data for the script ($1, $2, …), never shell code.
 */
export function remoteCommand(script: string, args: readonly string[], sudo: boolean): string {
  const words = ["sh", "-c", script, "berth", ...args].map(quoteShellWord).join(" ");
  return sudo ? `sudo -n ${words}` : words;
}

export type SshTarget = { address: string; port: number };

export type RunResult = { code: number; output: string };

export type SshConnection = {
  /** The host key the server presented (wire form, base64), already checked. */
  hostKey: string;
  fingerprint: string;
  /** Runs a fixed script as the login user, or as root through `sudo -n` once `useSudo` is set. */
  run(
    script: string,
    args: readonly string[],
    onOutput?: (chunk: string) => void,
    stdin?: Readable,
  ): Promise<RunResult>;
  useSudo: boolean;
  end(): void;
};

function describeConnectError(target: SshTarget, err: Error & { level?: string; code?: string }) {
  const where = `${target.address}:${target.port}`;
  if (err instanceof BerthError) return err;
  if (err.level === "client-authentication") {
    return new BerthError(
      "UNAUTHENTICATED",
      `${where} refused the sign-in: check the user and the password or key.`,
      "credential",
      { external: true },
    );
  }
  if (/passphrase|Cannot parse privateKey|Encrypted private/i.test(err.message)) {
    return new BerthError(
      "BAD_REQUEST",
      "The private key could not be read: check it and its passphrase.",
      "credential",
    );
  }
  if (err.level === "client-timeout" || /timed out/i.test(err.message)) {
    return new BerthError("TIMEOUT", `${where} did not answer over SSH in time.`, "address", {
      external: true,
    });
  }
  return new BerthError(
    "ENGINE_UNAVAILABLE",
    `Could not reach ${where} over SSH: ${err.code ?? err.message}.`,
    "address",
    { external: true },
  );
}

/** What a changed host key means, in words, before anything has run. */
export function hostKeyChangedError(target: SshTarget, expected: string, presented: string) {
  return new BerthError(
    "CONFLICT",
    `The host key of ${target.address}:${target.port} has changed: it presented ${presented}, ` +
      `but ${expected} was accepted. Someone may be intercepting the connection, or the host was ` +
      `reinstalled. Nothing was run on it.`,
    "fingerprint",
    { external: true },
  );
}

function authConfig(credential: SshCredential): Partial<ConnectConfig> {
  return credential.method === "password"
    ? { password: credential.password, tryKeyboard: false }
    : { privateKey: credential.privateKey, passphrase: credential.passphrase };
}

/**
 * Connects and signs in, accepting only the host key whose fingerprint the admin accepted. The
 * credential goes to ssh2 alone: it is never logged, stored here or put in a command line.
 */
export function connectSsh(
  target: SshTarget & { user: string; credential: SshCredential; fingerprint: string },
  signal?: AbortSignal,
): Promise<SshConnection> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presented: Buffer | null = null;
    let refusal: BerthError | null = null;
    const fail = (err: Error) => {
      client.end();
      reject(refusal ?? describeConnectError(target, err));
    };
    const onAbort = () => fail(new BerthError("BAD_REQUEST", "Cancelled."));
    signal?.addEventListener("abort", onAbort, { once: true });
    const closedEarly = () => fail(new Error("the connection closed during the handshake"));
    client.once("error", fail);
    client.once("close", closedEarly);
    client.once("ready", () => {
      client.removeListener("error", fail);
      client.removeListener("close", closedEarly);
      signal?.removeEventListener("abort", onAbort);
      client.on("error", () => {
        /* a late error ends the open channels, which report it */
      });
      resolve(openConnection(client, target, presented!));
    });
    try {
      client.connect({
        host: target.address,
        port: target.port,
        username: target.user,
        readyTimeout: READY_TIMEOUT_MS,
        ...authConfig(target.credential),
        hostVerifier: (key: Buffer) => {
          const fingerprint = sshFingerprint(key);
          if (fingerprint !== target.fingerprint) {
            refusal = hostKeyChangedError(target, target.fingerprint, fingerprint);
            return false;
          }
          presented = key;
          return true;
        },
      });
    } catch (err) {
      fail(err as Error);
    }
  });
}

function openConnection(client: Client, target: SshTarget, key: Buffer): SshConnection {
  let closed = false;
  client.once("close", () => (closed = true));
  const connection: SshConnection = {
    hostKey: `${sshKeyType(key)} ${key.toString("base64")}`,
    fingerprint: sshFingerprint(key),
    useSudo: false,
    run(script, args, onOutput, stdin) {
      return new Promise((resolve, reject) => {
        const lost = () =>
          new BerthError(
            "ENGINE_UNAVAILABLE",
            `The SSH connection to ${target.address}:${target.port} closed before the step finished.`,
            undefined,
            { external: true },
          );
        if (closed) return reject(lost());
        client.exec(
          remoteCommand(script, args, connection.useSudo),
          (err: Error | undefined, channel: ClientChannel) => {
            if (err) return reject(lost());
            let output = "";
            let code: number | null = null;
            const collect = (data: Buffer) => {
              const text = data.toString("utf8");
              output += text;
              onOutput?.(text);
            };
            channel.on("data", collect);
            channel.stderr.on("data", collect);
            channel.on("exit", (exitCode: number | null) => (code = exitCode));
            channel.on("close", () => {
              if (code === null) reject(lost());
              else resolve({ code, output });
            });
            if (stdin) {
              stdin.on("error", () => channel.close());
              stdin.pipe(channel);
            } else {
              channel.end();
            }
          },
        );
      });
    },
    end() {
      client.end();
    },
  };
  return connection;
}

/** Reads the host key a server presents, without signing in. */
export function presentedHostKey(target: SshTarget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | null = null;
    const finish = () => {
      client.end();
      if (key) resolve(key);
      else
        reject(
          new BerthError(
            "ENGINE_UNAVAILABLE",
            `${target.address}:${target.port} closed the connection before presenting a host key.`,
            "address",
            { external: true },
          ),
        );
    };
    client.once("error", (err: Error & { level?: string }) => {
      client.end();
      if (key) resolve(key);
      else reject(describeConnectError(target, err));
    });
    client.once("close", finish);
    client.connect({
      host: target.address,
      port: target.port,
      username: "berth-host-key-check",
      readyTimeout: READY_TIMEOUT_MS,
      // refusing the key ends the handshake before any sign-in is attempted
      hostVerifier: (presented: Buffer) => {
        key = presented;
        return false;
      },
    });
  });
}
