import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarParts } from "@/lib/images/tar";
import { UiEvents, type Progress } from "@/lib/protocol";
import { startAgent } from "../harness/agent";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { connected, createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Backups of volumes through the whole product: a .tar.gz download restored into a new volume
 * gives back every byte, mode, owner, time, symlink and empty folder; clones likewise; restores
 * are refused where they would mix or lose data, fail cleanly on a file that is no backup or a
 * disk that fills up, and leave the volume as it was; stored backups keep their retention, and a
 * schedule runs on the server with its last result shown.
 */
let stack: Stack;
let host: SimHost;
let hostId: string;
let deployer: TestSession;
let viewer: TestSession;
let backup: Buffer;

type ApiError = { error: { code: string; message: string } };
type Stored = { id: string; size: number; createdAt: number };
type Backups = {
  backups: Stored[];
  schedule: { cron: string; lastOutcome: string | null; lastError: string | null } | null;
};

const vol = (name: string, action: string) => `/api/hosts/${hostId}/volumes/${name}/${action}`;

async function error(res: Response, status: number): Promise<string> {
  const body = (await res.json()) as ApiError;
  expect(res.status, body.error?.message).toBe(status);
  return body.error.message;
}

/** Everything a restore must give back, listed inside a container: names, types, modes, owners, times, sizes, links, contents. */
async function manifest(volume: string): Promise<string> {
  const script = [
    "cd /m",
    "find . ! -type d -exec stat -c '%n %f %u:%g %h %s %Y' {} + | sort",
    "find . -type d -exec stat -c '%n %f %u:%g %Y' {} + | sort",
    'find . -type l | sort | while read l; do echo "$l -> $(readlink "$l")"; done',
    "find . -type f -exec md5sum {} + | sort",
  ].join("; ");
  const out = await host.docker([
    "run",
    "--rm",
    "-v",
    `${volume}:/m:ro`,
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    script,
  ]);
  return out.stdout;
}

function restore(name: string, body: BodyInit | null, query = "") {
  return deployer.fetch(`${vol(name, "restore")}${query ? `?${query}` : ""}`, {
    method: "POST",
    ...(body === null ? {} : { body }),
  });
}

async function exists(volume: string): Promise<boolean> {
  const res = await host.docker(["volume", "inspect", volume], { allowFail: true });
  return res.code === 0;
}

async function isEmpty(volume: string): Promise<boolean> {
  const res = await host.docker([
    "run",
    "--rm",
    "-v",
    `${volume}:/m`,
    BUSYBOX_IMAGE,
    "ls",
    "-A",
    "/m",
  ]);
  return res.stdout.trim() === "";
}

async function noHelpersLeft(): Promise<void> {
  await waitFor(
    "helper containers removed",
    async () =>
      (await host.docker(["ps", "-aq", "--filter", "label=berth.helper"])).stdout.trim() === "",
    5_000,
  );
}

/** Runs an action tagged with a callId and collects the progress the /ui socket relays. */
async function withProgress(session: TestSession, run: (callId: string) => Promise<Response>) {
  const socket = await connected(session.uiSocket());
  const callId = randomUUID();
  const progress: Progress[] = [];
  socket.on(UiEvents.commandProgress, (m) => {
    if (m.callId === callId) progress.push(m.progress);
  });
  try {
    const res = await run(callId);
    // the last progress comes as the body ends: keep listening until it has
    const body = Buffer.from(await res.arrayBuffer());
    await new Promise((r) => setTimeout(r, 300));
    return { res, body, progress };
  } finally {
    socket.close();
  }
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  deployer = (await createUserSession(stack, "dep@example.test", [{ hostId, role: "DEPLOYER" }]))
    .session;
  viewer = (await createUserSession(stack, "view@example.test", [{ hostId, role: "VIEWER" }]))
    .session;
  await host.docker(["volume", "create", "src"]);
  await host.docker([
    "run",
    "--rm",
    "-v",
    "src:/d",
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    [
      "mkdir -p /d/app/logs /d/empty /d/private",
      "echo 'config=1' > /d/app/config.ini",
      "dd if=/dev/urandom of=/d/app/blob.bin bs=1024 count=2048 2>/dev/null",
      "ln /d/app/config.ini /d/app/config.hard",
      "ln -s config.ini /d/app/config.link",
      "ln -s /nowhere/at/all /d/dangling",
      "printf '#!/bin/sh\\n' > /d/app/tool && chmod 4755 /d/app/tool",
      "echo pw > /d/private/key && chmod 600 /d/private/key && chown -R 33:33 /d/private && chmod 700 /d/private",
      "echo 'naïve name' > '/d/app/naïve file.txt'",
      "touch -d '2020-01-02 03:04:05' /d/app/config.ini /d/empty",
      "chown 70:70 /d && chmod 750 /d && touch -d '2021-05-06 07:08:09' /d",
    ].join(" && "),
  ]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("backup and restore", () => {
  it("downloads a .tar.gz that restores into a new volume exactly, with progress in bytes", async () => {
    const { res, body, progress } = await withProgress(viewer, (callId) =>
      viewer.fetch(`${vol("src", "backup")}?callId=${callId}`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="src-\d{8}T\d{6}Z\.tar\.gz"$/,
    );
    backup = body;
    expect(backup.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(progress.at(-1)).toMatchObject({ phase: "backup", current: backup.length });

    const restored = await withProgress(deployer, (callId) =>
      restore("copy", new Uint8Array(backup), `create=1&callId=${callId}`),
    );
    expect(restored.res.status).toBe(200);
    const entries = await host.docker([
      "run",
      "--rm",
      "-v",
      "src:/m:ro",
      BUSYBOX_IMAGE,
      "find",
      "/m",
    ]);
    expect((JSON.parse(restored.body.toString()) as { entries: number }).entries).toBe(
      entries.stdout.trim().split("\n").length,
    );
    expect(restored.progress.at(-1)).toMatchObject({
      phase: "restore",
      current: backup.length,
      total: backup.length,
    });
    const original = await manifest("src");
    expect(original).toContain("./app/tool 89ed 0:0 1 10 ");
    expect(original).toContain("./private 41c0 33:33");
    expect(original).toContain(". 41e8 70:70 1620284889");
    expect(await manifest("copy")).toBe(original);
    await noHelpersLeft();
  });

  it("clones a volume into a new one the same way", async () => {
    const { res, progress } = await withProgress(deployer, (callId) =>
      deployer.fetch(vol("src", "clone"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "twin", labels: { cloned: "yes" }, callId }),
      }),
    );
    expect(res.status).toBe(200);
    expect(progress.some((p) => p.phase === "clone")).toBe(true);
    expect(await manifest("twin")).toBe(await manifest("src"));
    expect(
      (await host.docker(["volume", "inspect", "-f", "{{.Labels.cloned}}", "twin"])).stdout.trim(),
    ).toBe("yes");
    expect(
      await error(
        await viewer.fetch(vol("src", "clone"), {
          method: "POST",
          body: JSON.stringify({ name: "nope" }),
        }),
        403,
      ),
    ).toMatch(/./);
  });

  it("refuses to restore into a volume that holds data or that running containers use", async () => {
    expect(await error(await restore("copy", new Uint8Array(backup)), 409)).toBe(
      "The volume copy is not empty: restore into an empty volume or a new one.",
    );
    expect(await error(await restore("copy", new Uint8Array(backup), "create=1"), 409)).toBe(
      "A volume named copy already exists on this host.",
    );
    await host.docker(["volume", "create", "busy"]);
    await host.docker([
      "run",
      "-d",
      "--name",
      "runner",
      "-v",
      "busy:/b",
      BUSYBOX_IMAGE,
      "sleep",
      "600",
    ]);
    expect(await error(await restore("busy", new Uint8Array(backup)), 409)).toBe(
      "The volume busy is in use by the running container runner: stop it first, then restore into it.",
    );
    await host.docker(["stop", "-t", "0", "runner"]);
    expect((await restore("busy", new Uint8Array(backup))).status).toBe(200);
    expect(await manifest("busy")).toBe(await manifest("src"));
    expect(await error(await restore("unknown-vol", new Uint8Array(backup)), 404)).toBe(
      "No such volume: unknown-vol.",
    );
    expect(
      await error(
        await viewer.fetch(vol("busy", "restore"), {
          method: "POST",
          body: new Uint8Array(backup),
        }),
        403,
      ),
    ).toMatch(/./);
  });

  it("refuses files that are no backup and leaves the volume as it was", async () => {
    const cases: Array<[string, Uint8Array<ArrayBuffer>, string]> = [
      [
        "junk",
        new Uint8Array(Buffer.from("this is not a backup at all")),
        "it is not gzip-compressed",
      ],
      [
        "plain-tar",
        new Uint8Array(
          await new Blob(
            tarParts([{ path: "a.txt", data: new Uint8Array([1]) }]) as BlobPart[],
          ).arrayBuffer(),
        ),
        "it is not gzip-compressed",
      ],
      ["gz-text", new Uint8Array(gzipSync("not a tar ".repeat(60))), "it is not a tar archive"],
      [
        "climber",
        new Uint8Array(
          gzipSync(
            Buffer.from(
              await new Blob(
                tarParts([
                  { path: "ok.txt", data: new Uint8Array([1]) },
                  { path: "../escape.txt", data: new Uint8Array([2]) },
                ]) as BlobPart[],
              ).arrayBuffer(),
            ),
          ),
        ),
        "it holds a path with '..' (../escape.txt)",
      ],
      [
        "cut",
        new Uint8Array(backup.subarray(0, Math.floor(backup.length / 2))),
        "the file ends before the backup does (it was cut short)",
      ],
    ];
    for (const [name, body, why] of cases) {
      // into a new volume: it is removed again
      const fresh = await error(await restore(name, body, "create=1"), 400);
      expect(fresh).toBe(
        `Restoring failed: this is not a volume backup (.tar.gz): ${why}. The new volume ${name} was removed.`,
      );
      expect(await exists(name), name).toBe(false);
      // into an empty one: it is emptied again
      await host.docker(["volume", "create", name]);
      const empty = await error(await restore(name, body), 400);
      expect(empty).toBe(
        `Restoring failed: this is not a volume backup (.tar.gz): ${why}. The volume ${name} was emptied again.`,
      );
      expect(await isEmpty(name), name).toBe(true);
    }
    await noHelpersLeft();
  });

  it("stops cleanly when the volume's disk fills up, and empties the volume again", async () => {
    await host.docker([
      "volume",
      "create",
      "--opt",
      "type=tmpfs",
      "--opt",
      "device=tmpfs",
      "--opt",
      "o=size=1m",
      "tiny",
    ]);
    const message = await error(await restore("tiny", new Uint8Array(backup)), 502);
    expect(message).toMatch(
      /^Restoring failed: .*no space left on device\. The volume tiny was emptied again\.$/,
    );
    expect(await isEmpty("tiny")).toBe(true);
    await noHelpersLeft();
  });
});

describe("backups kept on the server", () => {
  it("keeps as many as the retention says, downloads and restores them", async () => {
    const made: Stored[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await deployer.fetch(vol("src", "backup"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ retention: 2 }),
      });
      expect(res.status).toBe(200);
      made.push((await res.json()) as Stored);
    }
    const listed = (await (await viewer.fetch(vol("src", "backups"))).json()) as Backups;
    expect(listed.backups.map((b) => b.id)).toEqual([made[2]!.id, made[1]!.id]);
    const onDisk = await readdir(path.join(stack.server.dataDir, "backups", hostId, "src"));
    expect(onDisk.sort()).toEqual([made[1]!.id, made[2]!.id].sort());
    const file = await viewer.fetch(`/api/hosts/${hostId}/volumes/src/backups/${made[2]!.id}`);
    expect(Buffer.from(await file.arrayBuffer()).length).toBe(made[2]!.size);
    expect(
      await error(
        await viewer.fetch(`/api/hosts/${hostId}/volumes/src/backups/${made[0]!.id}`),
        404,
      ),
    ).toMatch(/No stored backup/);
    expect(
      await error(
        await viewer.fetch(`/api/hosts/${hostId}/volumes/src/backups/..%2Fsecret.key`),
        400,
      ),
    ).toMatch(/Not a stored backup/);
    expect(
      await error(await viewer.fetch(vol("src", "backup"), { method: "POST", body: "{}" }), 403),
    ).toMatch(/./);

    const res = await restore("from-stored", null, `backup=${made[1]!.id}&from=src&create=1`);
    expect(res.status).toBe(200);
    expect(await manifest("from-stored")).toBe(await manifest("src"));
  });

  it("runs a schedule on the server, shows its last result and audits each run", async () => {
    expect(
      await error(
        await deployer.fetch(vol("src", "schedule"), {
          method: "PUT",
          body: JSON.stringify({ cron: "every day" }),
        }),
        400,
      ),
    ).toMatch(/Not a cron expression/);
    expect(
      await error(
        await deployer.fetch(vol("nowhere", "schedule"), {
          method: "PUT",
          body: JSON.stringify({ cron: "0 3 * * *" }),
        }),
        404,
      ),
    ).toBe("No such volume: nowhere.");
    const set = await deployer.fetch(vol("src", "schedule"), {
      method: "PUT",
      body: JSON.stringify({ cron: "*/2 * * * * *", retention: 1 }),
    });
    expect(set.status).toBe(200);
    const done = await waitFor(
      "a scheduled backup",
      async () => {
        const b = (await (await viewer.fetch(vol("src", "backups"))).json()) as Backups;
        return b.schedule?.lastOutcome === "SUCCESS" && b.backups.length === 1 ? b : null;
      },
      20_000,
    );
    expect(done.schedule?.cron).toBe("*/2 * * * * *");
    expect((await deployer.fetch(vol("src", "schedule"), { method: "DELETE" })).status).toBe(200);
    expect(
      ((await (await viewer.fetch(vol("src", "backups"))).json()) as Backups).schedule,
    ).toBeNull();

    // a run that fails says why
    await host.docker(["volume", "create", "doomed"]);
    await deployer.fetch(vol("doomed", "schedule"), {
      method: "PUT",
      body: JSON.stringify({ cron: "*/2 * * * * *" }),
    });
    await host.docker(["volume", "rm", "doomed"]);
    const failed = await waitFor(
      "a failed scheduled backup",
      async () => {
        const b = (await (await viewer.fetch(vol("doomed", "backups"))).json()) as Backups;
        return b.schedule?.lastOutcome === "FAILURE" ? b.schedule : null;
      },
      20_000,
    );
    expect(failed.lastError).toBe("No such volume: doomed.");
    await deployer.fetch(vol("doomed", "schedule"), { method: "DELETE" });

    const { db } = await import("@/lib/db");
    const runs = await db.auditEvent.findMany({
      where: { action: "volume.backup", actorLabel: { startsWith: "backup schedule" } },
    });
    expect(runs.some((r) => r.target === "src" && r.outcome === "SUCCESS")).toBe(true);
    expect(runs.some((r) => r.target === "doomed" && r.outcome === "FAILURE")).toBe(true);
    expect(
      await db.auditEvent.count({ where: { action: "volume.schedule", outcome: "SUCCESS" } }),
    ).toBe(4);
  });
});

describe("helper containers", () => {
  it("are removed when the agent starts, should a stopped agent have left one behind", async () => {
    await host.docker([
      "create",
      "--name",
      "left-behind",
      "--label",
      "berth.helper=volume",
      BUSYBOX_IMAGE,
      "true",
    ]);
    await stack.agents[0]!.kill();
    stack.agents[0] = await startAgent({
      host,
      serverUrl: stack.server.url,
      statePath: path.join(stack.stateDir, `${host.name}.json`),
      env: { BERTH_AGENT_PROTECT: stack.server.dataDir },
    });
    await waitFor(
      "the leftover removed",
      async () => {
        const left = await host.docker(["ps", "-aq", "--filter", "name=left-behind"]);
        return left.stdout.trim() === "";
      },
      15_000,
    );
  });
});
