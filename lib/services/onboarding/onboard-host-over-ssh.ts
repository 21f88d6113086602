import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import {
  BerthError,
  ONBOARDING_PHASES,
  ONBOARDING_STEPS,
  type OnboardingStep,
  type OnboardingStepResult,
  SshOnboardRequestSchema,
  type SshOnboardResult,
} from "@/lib/protocol";
import { sealSecret } from "@/lib/server/secret-box";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { trackCall } from "@/lib/services/calls/track-call";
import { createEnrollmentToken } from "@/lib/services/hosts/create-enrollment-token";
import { createReenrollmentToken } from "@/lib/services/hosts/create-reenrollment-token";
import { findAgentExecutable } from "@/lib/services/hosts/find-agent-executable";
import { renderInstallScript } from "@/lib/services/hosts/render-install-script";
import {
  ENGINE_SCRIPT,
  INSPECT_SCRIPT,
  INSTALL_ENGINE_SCRIPT,
  UPLOAD_SCRIPT,
  UPLOADED_FILE,
  installsEnginePackages,
  parseHostFacts,
} from "./remote-scripts";
import { connectSsh, type SshConnection } from "./ssh-connection";

const limit = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/**
 * How long each step may take before the run ends: a remote command can hang (apt waiting on a
 * lock, a script that never returns). Installing the engine downloads packages, so it may take
 * longer; the agent gets its own time to connect once installed.
 */
const STEP_LIMIT_MS: Record<OnboardingStep, number> = {
  connect: limit("BERTH_ONBOARD_STEP_TIMEOUT_MS", 300_000),
  inspect: limit("BERTH_ONBOARD_STEP_TIMEOUT_MS", 300_000),
  engine: limit("BERTH_ONBOARD_ENGINE_TIMEOUT_MS", 1_200_000),
  upload: limit("BERTH_ONBOARD_STEP_TIMEOUT_MS", 300_000),
  install: limit("BERTH_ONBOARD_STEP_TIMEOUT_MS", 300_000),
  online: limit("BERTH_ONBOARD_ONLINE_TIMEOUT_MS", 60_000),
};

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The context a sealed SSH credential is bound to: it opens on its own host's row only. */
export const sshCredentialContext = (hostId: string) => `host-ssh:${hostId}`;

/**
 * Adds a host over SSH: connects with the host key the admin accepted pinned, checks the system
 * and its architecture, installs the container engine when it is missing (Debian and Ubuntu),
 * copies the agent executable, installs it with its own one-time token and waits until the host
 * is online. Each step's output streams to the browser that tagged the run with a callId. A
 * machine onboarded before (same host key) gets its host re-enrolled, never a second host.
 */
export async function onboardHostOverSsh(
  user: SessionUser,
  body: unknown,
  defaultServerUrl: string,
  clientAddress?: string,
): Promise<SshOnboardResult> {
  requireGlobalPermission(user, "hosts.add");
  const input = SshOnboardRequestSchema.parse(body);
  const serverUrl = input.serverUrl ?? defaultServerUrl;
  const target = { address: input.address, port: input.port };
  const auditParams = {
    address: input.address,
    port: input.port,
    user: input.user,
    method: input.credential.method,
    fingerprint: input.fingerprint,
    keepCredential: input.keepCredential,
    serverUrl,
  };
  await recordAudit({
    actor: user,
    action: "host.ssh-onboard.start",
    outcome: "SUCCESS",
    target: input.hostName,
    params: auditParams,
    clientAddress,
  });

  const call = trackCall(user.id, input.callId);
  const steps: OnboardingStepResult[] = [];
  let connection: SshConnection | null = null;
  let tokenHash: string | null = null;
  let hostId: string | null = null;
  let reinstalled = false;
  let cancelled = false;

  /**
   * Runs one step within its time limit. A cancel or the limit closes the SSH connection (which
   * ends whatever runs on the host for this run) and ends the step with words naming it; the
   * step's own work sees the same signal.
   */
  const runStep = async <T>(
    step: OnboardingStep,
    action: (say: (text: string) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    if (call.signal?.aborted) {
      cancelled = true;
      throw cancelledError(step);
    }
    const stop = new AbortController();
    const stopped = new Promise<never>((_resolve, reject) => {
      stop.signal.addEventListener("abort", () => {
        connection?.end();
        reject(stop.signal.reason as BerthError);
      });
    });
    const timer = setTimeout(() => stop.abort(timeoutError(step, serverUrl)), STEP_LIMIT_MS[step]);
    const onCancel = () => {
      cancelled = true;
      stop.abort(cancelledError(step));
    };
    call.signal?.addEventListener("abort", onCancel, { once: true });
    call.onProgress?.({ phase: ONBOARDING_PHASES.step, id: step, status: "running" });
    const result: OnboardingStepResult = { step, outcome: "done", output: "" };
    steps.push(result);
    const say = (text: string) => {
      result.output += text;
      call.onProgress?.({ phase: ONBOARDING_PHASES.output, id: step, status: text });
    };
    try {
      const work = action(say, stop.signal);
      // the work ends on its own once the connection is closed; its late failure says nothing new
      work.catch(() => {});
      const value = await Promise.race([work, stopped]);
      call.onProgress?.({ phase: ONBOARDING_PHASES.step, id: step, status: "done" });
      return value;
    } catch (err) {
      result.outcome = "failed";
      call.onProgress?.({ phase: ONBOARDING_PHASES.step, id: step, status: "failed" });
      throw stop.signal.aborted ? (stop.signal.reason as BerthError) : err;
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener("abort", onCancel);
      stopped.catch(() => {});
    }
  };

  /**
   * Whatever the agent enrolled as, the host row remembers where it was reached and its key;
   * the credential is sealed when kept, dropped when not, left as it was after a failure.
   */
  const rememberSsh = async (keep: boolean | "unchanged") => {
    if (!tokenHash || !connection) return;
    const token = await db.enrollmentToken.findUnique({ where: { tokenHash } });
    hostId = token?.hostId ?? null;
    if (!hostId) return;
    await db.host.update({
      where: { id: hostId },
      data: {
        sshAddress: input.address,
        sshPort: input.port,
        sshUser: input.user,
        sshHostKey: connection.hostKey,
        ...(keep === "unchanged"
          ? {}
          : {
              sshCredential: keep
                ? sealSecret(JSON.stringify(input.credential), sshCredentialContext(hostId))
                : null,
            }),
      },
    });
  };

  try {
    connection = await runStep("connect", async (say, signal) => {
      const connected = await connectSsh({ ...target, ...input }, signal);
      if (signal.aborted) {
        connected.end();
        throw signal.reason as BerthError;
      }
      say(
        `Connected to ${input.address}:${input.port} as ${input.user}. ` +
          `Host key ${connected.fingerprint} (as accepted).\n`,
      );
      return connected;
    });
    const ssh = connection;

    const { facts, executable } = await runStep("inspect", async (say) => {
      const inspected = await ssh.run(INSPECT_SCRIPT, []);
      const hostFacts = parseHostFacts(inspected.output);
      if (inspected.code !== 0 || !hostFacts.machine) {
        throw new BerthError("ENGINE_ERROR", `Could not inspect the host: ${inspected.output}`);
      }
      say(`${hostFacts.osName}, ${hostFacts.machine}.\n`);
      if (hostFacts.uid !== "0") {
        if (!hostFacts.sudo) {
          throw new BerthError(
            "FORBIDDEN",
            `${input.user} is not root and cannot use sudo without a password on this host. ` +
              "Sign in as root, or allow this user passwordless sudo.",
            "user",
            { external: true },
          );
        }
        ssh.useSudo = true;
        say(`${input.user} is not root: the installation runs through sudo.\n`);
      }
      const found = await findAgentExecutable(hostFacts.machine);
      say(`Agent: linux-${found.arch} (${(found.size / 1024 / 1024).toFixed(0)} MiB).\n`);
      return { facts: hostFacts, executable: found };
    });

    await runStep("engine", async (say) => {
      const engine = await ssh.run(ENGINE_SCRIPT, []);
      const state = /^engine=(.*)$/m.exec(engine.output)?.[1] ?? "missing";
      if (state !== "missing") {
        say(`Docker Engine ${state} is running.\n`);
        return;
      }
      if (!installsEnginePackages(facts)) {
        throw new BerthError(
          "ENGINE_UNAVAILABLE",
          `No container engine runs on this host, and Berth installs one itself only on Debian ` +
            `and Ubuntu (this host runs ${facts.osName}). Install Docker Engine, then add the ` +
            "host again.",
          undefined,
          { external: true },
        );
      }
      say("No container engine found: installing Debian's docker.io package.\n");
      const installed = await ssh.run(INSTALL_ENGINE_SCRIPT, [], say);
      if (installed.code !== 0) {
        throw new BerthError(
          "ENGINE_ERROR",
          `Installing the container engine failed (exit ${installed.code}); its output is above.`,
          undefined,
          { external: true },
        );
      }
    });

    const known = await db.host.findFirst({
      where: { sshHostKey: ssh.hostKey },
      select: { id: true, name: true },
    });
    reinstalled = known !== null;
    const { token } = known
      ? await createReenrollmentToken(user, known.id, clientAddress)
      : await createEnrollmentToken(user, { hostName: input.hostName }, clientAddress);
    tokenHash = sha256Hex(token);

    const uploaded = await runStep("upload", async (say) => {
      let sent = 0;
      let reported = 0;
      // counted on the way through, so no byte flows before the SSH channel takes them
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sent += chunk.length;
          if (sent - reported >= executable.size / 20 || sent === executable.size) {
            reported = sent;
            call.onProgress?.({
              phase: ONBOARDING_PHASES.upload,
              id: "upload",
              status: "copying",
              current: sent,
              total: executable.size,
            });
          }
          done(null, chunk);
        },
      });
      const file = createReadStream(executable.file).pipe(counted);
      const result = await ssh.run(UPLOAD_SCRIPT, [], undefined, file);
      // stderr shares the output: sudo may warn first ("unable to resolve host …")
      const path =
        result.output
          .split("\n")
          .map((line) => line.trim())
          .find((line) => UPLOADED_FILE.test(line)) ?? "";
      if (result.code !== 0 || !UPLOADED_FILE.test(path) || sent !== executable.size) {
        throw new BerthError(
          "ENGINE_ERROR",
          `Copying the agent failed: ${result.output.trim()}`,
          undefined,
          { external: true },
        );
      }
      say(`Copied ${(sent / 1024 / 1024).toFixed(0)} MiB to ${path}.\n`);
      return path;
    });

    await runStep("install", async (say) => {
      if (reinstalled) say(`This machine is already ${known!.name}: its agent is replaced.\n`);
      const installed = await ssh.run(renderInstallScript(serverUrl), [token, uploaded], say);
      if (installed.code !== 0) {
        throw new BerthError(
          "ENGINE_ERROR",
          `The installer failed (exit ${installed.code}); its output is above.`,
          undefined,
          { external: true },
        );
      }
    });

    await runStep("online", async (say, signal) => {
      while (!signal.aborted) {
        const enrolled = await db.enrollmentToken.findUnique({ where: { tokenHash: tokenHash! } });
        if (enrolled?.hostId && enrolled.usedAt && getAgentHub().isOnline(enrolled.hostId)) {
          hostId = enrolled.hostId;
          say("The host is online.\n");
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    });

    await rememberSsh(input.keepCredential);
    await recordAudit({
      actor: user,
      action: "host.ssh-onboard",
      outcome: "SUCCESS",
      hostId,
      target: input.hostName,
      params: {
        ...auditParams,
        reinstalled,
        credentialKept: input.keepCredential,
        steps: summary(steps),
      },
      clientAddress,
    });
    return { hostId: hostId!, reinstalled, steps };
  } catch (err) {
    // An agent that enrolled keeps its host (with the key it was reached by, so a re-run finds
    // it); a token no agent used yet is spent, so no host appears after the admin saw a failure.
    await rememberSsh("unchanged").catch(() => {});
    if (tokenHash) {
      await db.enrollmentToken
        .updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: new Date() } })
        .catch(() => {});
    }
    const failure = describeFailure(err);
    await recordAudit({
      actor: user,
      action: "host.ssh-onboard",
      outcome:
        err instanceof BerthError && err.code === "FORBIDDEN" && !err.external
          ? "DENIED"
          : "FAILURE",
      hostId,
      target: input.hostName,
      params: {
        ...auditParams,
        reinstalled,
        credentialKept: false,
        cancelled,
        steps: summary(steps),
      },
      error: failure.message,
      clientAddress,
    });
    throw failure;
  } finally {
    connection?.end();
    call.release();
  }
}

/** The words a step that ran out of time ends with; the agent's own step says where to look. */
function timeoutError(step: OnboardingStep, serverUrl: string): BerthError {
  const within = seconds(STEP_LIMIT_MS[step]);
  const message =
    step === "online"
      ? `The agent was installed but did not connect within ${within}. Check that the host ` +
        `reaches ${serverUrl}; its log is /var/log/berth-agent.log (journalctl -u berth-agent ` +
        "under systemd)."
      : `The step "${ONBOARDING_STEPS[step]}" did not finish within ${within}: the SSH ` +
        "connection was closed and the host was not added. Something on the host may be " +
        "waiting (for example apt on a lock held by another install); see the step's output above.";
  return new BerthError("TIMEOUT", message, undefined, { external: true });
}

function cancelledError(step: OnboardingStep): BerthError {
  return new BerthError(
    "BAD_REQUEST",
    `Onboarding was cancelled during "${ONBOARDING_STEPS[step]}": the SSH connection was ` +
      "closed and the host was not added.",
  );
}

function summary(steps: OnboardingStepResult[]): string {
  return steps.map((s) => `${s.step}:${s.outcome}`).join(", ");
}

/** A failure names the step it happened in; anything unexpected is an internal error. */
function describeFailure(err: unknown): BerthError {
  if (err instanceof BerthError) return err;
  console.error("ssh onboarding failed:", err);
  return new BerthError("INTERNAL", "Something went wrong on the server.");
}
