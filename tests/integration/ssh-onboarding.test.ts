import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents, type Progress } from "@/lib/protocol";
import type { SimHost } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * SSH onboarding against simulated hosts that each have their own address, dockerd and sshd
 * (tests/harness/sshd.ts): the same HTTP route the browser uses, the agent installed for real
 * (the single executable, started by the installer's no-systemd path inside the host's own
 * mount namespace) and connected to the real server.
 */
let stack: Stack;
let withPassword: SimHost;
let withKey: SimHost;
let alpine: SimHost;
let bare: SimHost;
let stuck: SimHost;
let sudoer: SimHost;
/** The per-step limit the server runs with here (BERTH_ONBOARD_STEP_TIMEOUT_MS). */
const STEP_LIMIT_S = 20;
/** Plays an installer step that never returns (a command waiting on a lock no one releases). */
const HANGING = '#!/bin/sh\necho "waiting for a lock held by another process"\nexec sleep 600\n';
const ALPINE = 'ID=alpine\nNAME="Alpine Linux"\nPRETTY_NAME="Alpine Linux v3.20"\n';

/**
 * A local apt repository with Debian's docker.io package from this machine's apt cache: the
 * engine-less Debian host installs from it and nothing leaves the machine.
 */
const aptRepo = mkdtempSync("/tmp/berth-apt-");
function buildAptRepo(): string {
  chmodSync(aptRepo, 0o755); // apt reads it as its _apt user
  const archives = "/var/cache/apt/archives";
  const deb = readdirSync(archives).find((f) => /^docker\.io_.*\.deb$/.test(f));
  if (!deb) throw new Error(`no docker.io package in ${archives}`);
  linkSync(path.join(archives, deb), path.join(aptRepo, deb));
  const scan = spawnSync("sh", ["-c", "dpkg-scanpackages . /dev/null > Packages"], {
    cwd: aptRepo,
  });
  if (scan.status !== 0) throw new Error(`dpkg-scanpackages: ${String(scan.stderr)}`);
  chmodSync(path.join(aptRepo, "Packages"), 0o644);
  return `deb [trusted=yes] file:${aptRepo} ./\n`;
}

beforeAll(async () => {
  stack = await startStack({
    hosts: 6,
    agents: false,
    env: { BERTH_ONBOARD_STEP_TIMEOUT_MS: String(STEP_LIMIT_S * 1000) },
    hostOptions: {
      sshd: [
        {},
        {},
        { engine: false, osRelease: ALPINE, user: "deploy" },
        {
          engine: false,
          aptSources: buildAptRepo(),
          emptyDirs: ["/var/lib/docker", "/var/lib/containerd"],
        },
        // the installer's first move of the uploaded agent hangs: after the token was minted
        { stubs: { "/usr/bin/mv": HANGING } },
        { user: "deploy", userSudo: true },
      ],
    },
  });
  [withPassword, withKey, alpine, bare, stuck, sudoer] = stack.hosts as [
    SimHost,
    SimHost,
    SimHost,
    SimHost,
    SimHost,
    SimHost,
  ];
}, 180_000);

afterAll(async () => {
  // the installed agents, by the pids the installer wrote; the harness ends the rest (and the
  // engine installed on the bare host)
  for (const host of stack?.hosts ?? []) for (const pid of agentPids(host)) process.kill(pid);
  await stack?.stop();
  rmSync(aptRepo, { recursive: true, force: true });
}, 120_000);

/** Pids of Berth agents running in the host's own mount namespace. */
function agentPids(host: SimHost): number[] {
  return (host.ssh?.processes() ?? []).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`).startsWith("/opt/berth-agent/berth-agent");
    } catch {
      return false;
    }
  });
}

function recordedPid(host: SimHost): number {
  return Number(readFileSync(host.ssh!.hostPath("/var/lib/berth-agent/agent.pid"), "utf8"));
}

const password = (host: SimHost) => ({ method: "password", password: host.ssh!.password });
const key = (host: SimHost) => ({
  method: "key",
  privateKey: host.ssh!.privateKey,
  passphrase: host.ssh!.keyPassphrase,
});

async function hostKey(session: TestSession, host: SimHost) {
  const res = await session.fetch("/api/hosts/ssh/host-key", {
    method: "POST",
    body: JSON.stringify({ address: host.ssh!.address, port: host.ssh!.port }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { fingerprint: string; knownHost: { id: string } | null },
  };
}

type Onboarded = {
  status: number;
  body: {
    hostId?: string;
    reinstalled?: boolean;
    steps?: Array<{ step: string; outcome: string; output: string }>;
    error?: { message: string; field?: string };
  };
  progress: Progress[];
};

/** POST /api/hosts/ssh as the browser does, with the /ui socket collecting the run's progress. */
async function onboard(
  host: SimHost,
  fields: Record<string, unknown>,
  during?: (progress: Progress, callId: string) => void,
): Promise<Onboarded> {
  const socket = stack.admin.uiSocket();
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  const callId = randomUUID();
  const progress: Progress[] = [];
  socket.on(UiEvents.commandProgress, (m) => {
    if (m.callId !== callId) return;
    progress.push(m.progress);
    during?.(m.progress, callId);
  });
  try {
    const res = await stack.admin.fetch("/api/hosts/ssh", {
      method: "POST",
      body: JSON.stringify({
        hostName: host.name,
        address: host.ssh!.address,
        port: host.ssh!.port,
        user: "root",
        fingerprint: await host.ssh!.fingerprint(),
        callId,
        ...fields,
      }),
    });
    await new Promise((r) => setTimeout(r, 200));
    return { status: res.status, body: (await res.json()) as Onboarded["body"], progress };
  } finally {
    socket.disconnect();
  }
}

async function listedHosts() {
  const res = await stack.admin.fetch("/api/hosts");
  return ((await res.json()) as { hosts: Array<{ id: string; name: string; online: boolean }> })
    .hosts;
}

async function dbHost(id: string) {
  const { db } = await import("@/lib/db");
  return db.host.findUnique({ where: { id } });
}

async function auditRows(action: string) {
  const { db } = await import("@/lib/db");
  return db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
}

describe("adding hosts over SSH", () => {
  let passwordHostId = "";
  let keyHostId = "";

  it("shows the host key as OpenSSH prints its fingerprint, before signing in", async () => {
    const { status, body } = await hostKey(stack.admin, withPassword);
    expect(status).toBe(200);
    expect(body.fingerprint).toBe(await withPassword.ssh!.fingerprint());
    expect(body.knownHost).toBeNull();
  });

  it("a connection lost mid-step ends in words and leaves no host behind", async () => {
    let cut = false;
    const run = await onboard(withPassword, { credential: password(withPassword) }, (p) => {
      if (!cut && p.phase === "onboard.step" && p.id === "upload" && p.status === "running") {
        cut = true;
        // the SSH session's processes: sshd's listener stays, the connection dies
        for (const pid of withPassword.ssh!.processes()) process.kill(pid, "SIGKILL");
      }
    });
    expect(cut).toBe(true);
    expect(run.status).toBe(503);
    expect(run.body.error?.message).toMatch(/SSH connection to .* closed before the step finished/);
    expect(run.body.steps).toBeUndefined();
    expect(await listedHosts()).toEqual([]);
    expect(agentPids(withPassword)).toEqual([]);
  });

  it("onboards a host with a password: steps stream to the browser, the host comes online", async () => {
    const run = await onboard(withPassword, { credential: password(withPassword) });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.reinstalled).toBe(false);
    expect(run.body.steps?.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      "connect:done",
      "inspect:done",
      "engine:done",
      "upload:done",
      "install:done",
      "online:done",
    ]);
    const byStep = Object.fromEntries(run.body.steps!.map((s) => [s.step, s.output]));
    expect(byStep.inspect).toMatch(/Debian GNU\/Linux 12.*, x86_64/);
    expect(byStep.engine).toMatch(/Docker Engine 20\.10\.\S+ is running/);
    expect(byStep.install).toMatch(/Berth agent started in the background \(pid \d+/);
    // the same steps reached the browser live, in order, with the output as it came
    const changes = run.progress
      .filter((p) => p.phase === "onboard.step")
      .map((p) => `${p.id}:${p.status}`);
    expect(changes.filter((c) => c.endsWith(":done"))).toEqual(
      run.body.steps!.map((s) => `${s.step}:done`),
    );
    expect(changes.indexOf("install:running")).toBeLessThan(changes.indexOf("install:done"));
    expect(run.progress.some((p) => p.phase === "onboard.upload" && p.current === p.total)).toBe(
      true,
    );
    expect(
      run.progress
        .filter((p) => p.phase === "onboard.output" && p.id === "install")
        .map((p) => p.status)
        .join(""),
    ).toBe(byStep.install);

    passwordHostId = run.body.hostId!;
    const listed = await listedHosts();
    expect(listed).toContainEqual(
      expect.objectContaining({ id: passwordHostId, name: withPassword.name, online: true }),
    );
    // one agent, the one the installer recorded, on this host's own engine
    expect(agentPids(withPassword)).toEqual([recordedPid(withPassword)]);
    await waitFor("the engine the agent reports", async () => {
      const engine = (await dbHost(passwordHostId))?.engineInfo as { hostname?: string } | null;
      return engine?.hostname === withPassword.name;
    });

    const row = await dbHost(passwordHostId);
    expect(row?.sshHostKey).toMatch(/^ssh-ed25519 /);
    expect(row?.sshCredential).toBeNull();
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "host." } } });
    const text = JSON.stringify(audit, (_key, value: unknown) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(text).not.toContain(withPassword.ssh!.password);
    const outcome = (await auditRows("host.ssh-onboard")).map((r) => r.outcome);
    expect(outcome).toEqual(["FAILURE", "SUCCESS"]);
    expect((await auditRows("host.ssh-onboard.start")).length).toBe(2);
  }, 120_000);

  it("onboards a host with a private key and its passphrase, keeping the key sealed", async () => {
    const run = await onboard(withKey, { credential: key(withKey), keepCredential: true });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    keyHostId = run.body.hostId!;
    expect(keyHostId).not.toBe(passwordHostId);
    const row = await dbHost(keyHostId);
    expect(row?.sshCredential).toMatch(/^v1:/);
    expect(row?.sshCredential).not.toContain("PRIVATE KEY");
    expect(agentPids(withKey)).toEqual([recordedPid(withKey)]);
    expect(agentPids(withPassword)).toEqual([recordedPid(withPassword)]);
    // each host's installation is its own: the other host's files were not touched
    expect(readFileSync(withKey.ssh!.hostPath("/etc/berth-agent.env"), "utf8")).not.toBe(
      readFileSync(withPassword.ssh!.hostPath("/etc/berth-agent.env"), "utf8"),
    );
  }, 120_000);

  it("a second run on the same machine leaves one host and one agent", async () => {
    const before = recordedPid(withKey);
    expect((await hostKey(stack.admin, withKey)).body.knownHost?.id).toBe(keyHostId);
    const run = await onboard(withKey, { credential: key(withKey), keepCredential: true });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ hostId: keyHostId, reinstalled: true });
    expect(run.body.steps?.find((s) => s.step === "install")?.output).toMatch(
      new RegExp(`already ${withKey.name}: its agent is replaced`),
    );
    const after = recordedPid(withKey);
    expect(after).not.toBe(before);
    expect(existsSync(`/proc/${before}`)).toBe(false);
    expect(agentPids(withKey)).toEqual([after]);
    const listed = await listedHosts();
    expect(listed.filter((h) => h.name === withKey.name)).toHaveLength(1);
    expect(listed.find((h) => h.id === keyHostId)?.online).toBe(true);
  }, 120_000);

  it("refuses a host whose key changed, in words, before running anything", async () => {
    const accepted = await withPassword.ssh!.fingerprint();
    const pid = recordedPid(withPassword);
    await withPassword.ssh!.rotateHostKey();
    const presented = await withPassword.ssh!.fingerprint();
    expect((await hostKey(stack.admin, withPassword)).body.fingerprint).toBe(presented);
    const run = await onboard(withPassword, {
      credential: password(withPassword),
      fingerprint: accepted,
    });
    expect(run.status).toBe(409);
    expect(run.body.error?.message).toBe(
      `The host key of ${withPassword.ssh!.address}:22 has changed: it presented ${presented}, ` +
        `but ${accepted} was accepted. Someone may be intercepting the connection, or the host ` +
        "was reinstalled. Nothing was run on it.",
    );
    expect(run.body.error?.field).toBe("fingerprint");
    expect(recordedPid(withPassword)).toBe(pid);
    expect(agentPids(withPassword)).toEqual([pid]);
  }, 60_000);

  it("removing a host whose pinned key changed revokes its key and keeps it listed", async () => {
    const res = await stack.admin.fetch(`/api/hosts/${passwordHostId}`, {
      method: "DELETE",
      body: JSON.stringify({ uninstall: true, credential: password(withPassword) }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/has changed.*agent key is revoked; the host stays listed/s);
    expect((await dbHost(passwordHostId))?.keyHash).toBeNull();
    const listed = await listedHosts();
    expect(listed.find((h) => h.id === passwordHostId)?.online, JSON.stringify(listed)).toBe(false);
  }, 60_000);

  it("removing a host uninstalls its agent over SSH with the kept key and revokes it", async () => {
    const pid = recordedPid(withKey);
    const res = await stack.admin.fetch(`/api/hosts/${keyHostId}`, {
      method: "DELETE",
      body: JSON.stringify({ uninstall: true }),
    });
    const body = (await res.json()) as { removed: boolean; uninstallOutput: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.uninstallOutput).toContain("Berth agent stopped and removed.");
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(agentPids(withKey)).toEqual([]);
    expect(existsSync(withKey.ssh!.hostPath("/opt/berth-agent/berth-agent"))).toBe(false);
    expect(existsSync(withKey.ssh!.hostPath("/etc/berth-agent.env"))).toBe(false);
    expect(await dbHost(keyHostId)).toBeNull();
    expect((await listedHosts()).map((h) => h.id)).not.toContain(keyHostId);
    expect((await auditRows("host.remove")).map((r) => r.outcome)).toEqual(["FAILURE", "SUCCESS"]);
  }, 60_000);

  it("the install command (curl | sh) installs the same single executable, which comes online", async () => {
    const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
    const { installCommand } = await import("@/lib/services/hosts/render-install-script");
    const { token } = await createEnrollmentToken({ system: "test" }, { hostName: "by-curl" });
    // the command the Add host dialog shows, run as root on the host the last test emptied
    const command = installCommand(stack.server.url, token).replace("sudo ", "");
    const run = await withKey.ssh!.exec(["sh", "-c", command]);
    expect(run.stdout).toMatch(/Berth agent started in the background \(pid \d+/);
    await waitFor("the host installed by curl online", async () =>
      (await listedHosts()).some((h) => h.name === "by-curl" && h.online),
    );
    expect(agentPids(withKey)).toEqual([recordedPid(withKey)]);
    expect(readlinkSync(`/proc/${recordedPid(withKey)}/exe`)).toBe("/opt/berth-agent/berth-agent");

    // a host of an architecture the server has no executable for is told so, in words
    const missing = await fetch(new URL("/api/agent/executable/aarch64", stack.server.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /^This server has no Berth agent for aarch64 \(linux-arm64\) hosts\. It has agents for linux x64\. Build one on a linux-arm64 machine with npm run build and copy dist\/agents\/berth-agent-linux-arm64 to /,
    );
  }, 60_000);

  it("stops at the engine step on a host without one that is not Debian or Ubuntu", async () => {
    const run = await onboard(alpine, { credential: key(alpine) });
    expect(run.status).toBe(503);
    expect(run.body.error?.message).toBe(
      "No container engine runs on this host, and Berth installs one itself only on Debian and " +
        "Ubuntu (this host runs Alpine Linux v3.20). Install Docker Engine, then add the host again.",
    );
    expect((await listedHosts()).map((h) => h.name)).not.toContain(alpine.name);
    expect(existsSync(alpine.ssh!.hostPath("/opt/berth-agent"))).toBe(false);
  }, 60_000);

  it("refuses a user who is neither root nor allowed sudo without a password, in words", async () => {
    const run = await onboard(alpine, { user: "deploy", credential: password(alpine) });
    expect(run.status).toBe(403);
    expect(run.body.error).toMatchObject({
      message:
        "deploy is not root and cannot use sudo without a password on this host. Sign in as " +
        "root, or allow this user passwordless sudo.",
      field: "user",
    });
    expect(existsSync(alpine.ssh!.hostPath("/opt/berth-agent"))).toBe(false);
  }, 60_000);

  it("installs the engine on a Debian host without one, its output streamed", async () => {
    const run = await onboard(bare, { credential: password(bare) });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const engine = run.body.steps?.find((s) => s.step === "engine")?.output ?? "";
    expect(engine).toMatch(/^No container engine found: installing Debian's docker.io package\./);
    expect(engine).toContain(`file:${aptRepo} ./ Packages`);
    expect(engine).toMatch(/docker\.io is already the newest version/);
    expect(engine).toMatch(/Docker Engine 20\.10\.\S+ is running\./);
    expect(
      run.progress
        .filter((p) => p.phase === "onboard.output" && p.id === "engine")
        .map((p) => p.status)
        .join(""),
    ).toBe(engine);
    // the agent drives the engine the onboarding started on that host
    await waitFor("the engine the agent reports", async () => {
      const info = (await dbHost(run.body.hostId!))?.engineInfo as { hostname?: string } | null;
      return info?.hostname === bare.name;
    });
    expect(agentPids(bare)).toEqual([recordedPid(bare)]);
  }, 120_000);

  it("is for administrators only", async () => {
    const { session } = await createUserSession(stack, "user@example.test", []);
    expect((await hostKey(session, withPassword)).status).toBe(403);
    const res = await session.fetch("/api/hosts/ssh", {
      method: "POST",
      body: JSON.stringify({
        hostName: "x",
        address: withPassword.ssh!.address,
        user: "root",
        credential: password(withPassword),
        fingerprint: await withPassword.ssh!.fingerprint(),
      }),
    });
    expect(res.status).toBe(403);
  });
});

/** No host, no agent, no SSH session of the run left, and the run's token spent unused. */
async function expectNothingLeft(host: SimHost) {
  expect((await listedHosts()).map((h) => h.name)).not.toContain(host.name);
  expect(agentPids(host)).toEqual([]);
  // the connection was closed: no sshd session process serves it any more
  await waitFor("the run's SSH session closed", () =>
    host.ssh!.processes().every((pid) => {
      try {
        return !readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("sshd:");
      } catch {
        return true;
      }
    }),
  );
  const { db } = await import("@/lib/db");
  const tokens = await db.enrollmentToken.findMany({ where: { hostName: host.name } });
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) {
    expect(token.usedAt).not.toBeNull();
    expect(token.hostId).toBeNull();
  }
}

describe("a step that never returns", () => {
  it("ends at its time limit, in words naming the step, and leaves no host", async () => {
    const started = Date.now();
    const run = await onboard(stuck, { credential: password(stuck) });
    expect(run.status, JSON.stringify(run.body)).toBe(504);
    expect(run.body.error?.message).toBe(
      `The step "Install the agent" did not finish within ${STEP_LIMIT_S} s: the SSH connection ` +
        "was closed and the host was not added. Something on the host may be waiting (for " +
        "example apt on a lock held by another install); see the step's output above.",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(STEP_LIMIT_S * 1000);
    const changes = run.progress.filter((p) => p.phase === "onboard.step");
    expect(changes.at(-1)).toMatchObject({ id: "install", status: "failed" });
    expect(
      run.progress.some(
        (p) =>
          p.phase === "onboard.output" && p.id === "install" && /waiting for a lock/.test(p.status),
      ),
    ).toBe(true);
    await expectNothingLeft(stuck);
  }, 120_000);

  it("Cancel mid-step closes the connection, ends the run in words and is audited", async () => {
    let cancel: Promise<Response> | null = null;
    const run = await onboard(stuck, { credential: password(stuck) }, (p, callId) => {
      if (!cancel && p.phase === "onboard.output" && p.id === "install") {
        cancel = stack.admin.fetch("/api/hosts/ssh/cancel", {
          method: "POST",
          body: JSON.stringify({ callId }),
        });
      }
    });
    expect(cancel).not.toBeNull();
    expect((await cancel!).status).toBe(200);
    expect(run.status, JSON.stringify(run.body)).toBe(400);
    expect(run.body.error?.message).toBe(
      'Onboarding was cancelled during "Install the agent": the SSH connection was closed and ' +
        "the host was not added.",
    );
    await expectNothingLeft(stuck);
    const last = (await auditRows("host.ssh-onboard")).at(-1);
    expect(last).toMatchObject({ outcome: "FAILURE", target: stuck.name });
    expect(last?.params).toMatchObject({
      cancelled: true,
      steps: expect.stringMatching(/install:failed$/),
    });
    expect(last?.error).toMatch(/^Onboarding was cancelled during "Install the agent"/);

    // a run that is over (or never was) cannot be cancelled
    const again = await stack.admin.fetch("/api/hosts/ssh/cancel", {
      method: "POST",
      body: JSON.stringify({ callId: "no-such-run" }),
    });
    expect(again.status).toBe(404);
  }, 120_000);
});

describe("a user who is not root", () => {
  it("onboards through passwordless sudo: the host comes online, its agent runs as root", async () => {
    const run = await onboard(sudoer, { user: "deploy", credential: password(sudoer) });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const byStep = Object.fromEntries(run.body.steps!.map((s) => [s.step, s.output]));
    expect(byStep.inspect).toContain("deploy is not root: the installation runs through sudo.");
    expect(byStep.install).toMatch(/Berth agent started in the background \(pid \d+/);
    const listed = await listedHosts();
    expect(listed).toContainEqual(
      expect.objectContaining({ id: run.body.hostId, name: sudoer.name, online: true }),
    );
    const pid = recordedPid(sudoer);
    expect(agentPids(sudoer)).toEqual([pid]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe("0");
    expect(readFileSync(sudoer.ssh!.hostPath("/etc/berth-agent.env"), "utf8")).toContain(
      "BERTH_ENROLL_TOKEN=",
    );
  }, 120_000);
});
