import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents } from "@/lib/protocol";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { connected, createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Volumes through the whole product (HTTP → server → agent → a real engine on a simulated host):
 * the live fleet list, create / remove / prune with the engine's refusals, the host security
 * policy on bind-like volumes, and browsing through helper containers, with path escapes refused.
 */
let stack: Stack;
let host: SimHost;
let hostId: string;
let admin: TestSession;
let deployer: TestSession;
let viewer: TestSession;
let scratch: string;

type ApiError = {
  error: {
    code: string;
    message: string;
    field?: string;
    violations?: Array<{ rule: string; field: string }>;
  };
};
type Row = {
  name: string;
  driver: string;
  dangling: boolean;
  labels: Record<string, string>;
  containers: Array<{ name: string; running: boolean }>;
  size: number | null;
};
type Entry = {
  name: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | null;
};

const vol = (name: string, action = "") =>
  `/api/hosts/${hostId}/volumes/${encodeURIComponent(name)}${action ? `/${action}` : ""}`;

function send(session: TestSession, url: string, method: string, body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function error(res: Response, status: number): Promise<ApiError["error"]> {
  const body = (await res.json()) as ApiError;
  expect(res.status, body.error?.message).toBe(status);
  return body.error;
}

async function list(session: TestSession, q = ""): Promise<Row[]> {
  const res = await session.fetch(`/api/volumes?host=${hostId}${q}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Row[] }).items;
}

async function browse(session: TestSession, name: string, dir: string) {
  return session.fetch(`${vol(name, "files")}?path=${encodeURIComponent(dir)}`);
}

/** No helper container is left on the host once a call answered (a download's goes as it ends). */
async function noHelpersLeft(): Promise<void> {
  await waitFor(
    "helper containers removed",
    async () => {
      const left = await host.docker(["ps", "-aq", "--filter", "label=berth.helper"]);
      return left.stdout.trim() === "";
    },
    5_000,
  );
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  admin = stack.admin;
  deployer = (await createUserSession(stack, "dep@example.test", [{ hostId, role: "DEPLOYER" }]))
    .session;
  viewer = (await createUserSession(stack, "view@example.test", [{ hostId, role: "VIEWER" }]))
    .session;
  scratch = await mkdtemp(path.join(os.tmpdir(), "berth-volumes-"));
  // a volume with a bit of everything, written by a container as an application would
  await host.docker(["volume", "create", "files"]);
  await host.docker([
    "run",
    "--rm",
    "-v",
    "files:/d",
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    [
      "mkdir -p /d/sub/deeper /d/empty",
      "printf 'hello volume\\n' > /d/sub/hello.txt",
      "printf 'a\\0b' > /d/sub/data.bin",
      "echo secret > /d/sub/private.txt && chown 1000:1001 /d/sub/private.txt && chmod 600 /d/sub/private.txt",
      "ln -s /etc /d/escape-abs",
      "ln -s ../../../.. /d/sub/escape-rel",
      "ln -s sub /d/inside",
      "echo 'spaced out' > '/d/with space.txt'",
    ].join(" && "),
  ]);
  // a stopped user keeps it from being pruned
  await host.docker(["create", "--name", "files-user", "-v", "files:/d", BUSYBOX_IMAGE, "true"]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the volume list", () => {
  it("shows a volume created with the docker CLI on the host at once, and who uses it", async () => {
    const socket = await connected(viewer.uiSocket());
    const notices: string[] = [];
    socket.on(UiEvents.volumesChanged, ({ hostId: id }) => notices.push(id));
    try {
      await host.docker(["volume", "create", "--label", "team=blue", "cli-made"]);
      await waitFor("volumes.changed", () => notices.includes(hostId), 10_000);
      const row = (await list(viewer)).find((r) => r.name === "cli-made");
      expect(row).toMatchObject({ driver: "local", dangling: true, labels: { team: "blue" } });
      notices.length = 0;
      await host.docker([
        "run",
        "-d",
        "--name",
        "user-of-cli",
        "-v",
        "cli-made:/data",
        BUSYBOX_IMAGE,
        "sleep",
        "600",
      ]);
      await waitFor("volumes.changed after a mount", () => notices.includes(hostId), 10_000);
      const used = (await list(viewer, "&q=cli-made")).find((r) => r.name === "cli-made");
      expect(used).toMatchObject({
        dangling: false,
        containers: [{ name: "user-of-cli", running: true }],
      });
      expect((await list(viewer, "&dangling=only")).map((r) => r.name)).not.toContain("cli-made");
      // sizes are measured in the background and reach the list with a notice of their own
      await waitFor(
        "a measured size",
        async () => (await list(viewer)).find((r) => r.name === "files")?.size,
        20_000,
      );
    } finally {
      socket.close();
    }
    // the agent's helper containers never show among the containers
    await browse(viewer, "files", "");
    const containers = (await (await admin.fetch("/api/containers?limit=500")).json()) as {
      items: Array<{ name: string; labels: Record<string, string> }>;
    };
    expect(containers.items.filter((c) => "berth.helper" in c.labels)).toEqual([]);
  });
});

describe("create, remove and prune", () => {
  it("creates with labels and options, and passes the engine's refusals on in its words", async () => {
    const res = await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", {
      name: "made",
      labels: { app: "db" },
      driverOpts: { type: "tmpfs", device: "tmpfs", o: "size=1m" },
    });
    expect(res.status).toBe(201);
    const detail = (await (await viewer.fetch(vol("made"))).json()) as {
      volume: Row & { options: Record<string, string> };
    };
    expect(detail.volume).toMatchObject({
      labels: { app: "db" },
      options: { type: "tmpfs", o: "size=1m" },
    });
    const again = await error(
      await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", { name: "made" }),
      409,
    );
    expect(again.message).toBe("A volume named made already exists on this host.");
    // the engine wants at least two characters
    const short = await error(
      await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", { name: "x" }),
      502,
    );
    expect(short.message).toMatch(/^The engine refused the volume: .*too short/);
    const driver = await error(
      await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", {
        name: "plugged",
        driver: "nosuchdriver",
      }),
      400,
    );
    expect(driver).toMatchObject({ field: "driver" });
    expect(driver.message).toMatch(/nosuchdriver/);
    expect((await list(admin)).map((r) => r.name)).not.toContain("plugged");
    expect((await error(await viewer.fetch(vol("never-made")), 404)).message).toBe(
      "No such volume: never-made.",
    );
  });

  it("refuses to remove a volume in use, naming the containers, and prunes only unused ones", async () => {
    await host.docker(["create", "--name", "stopped-user", "-v", "made:/m", BUSYBOX_IMAGE, "true"]);
    const busy = await error(await send(deployer, vol("made"), "DELETE"), 409);
    expect(busy.message).toBe(
      "The volume made is in use by the container stopped-user: remove it first.",
    );
    expect((await error(await send(viewer, vol("made"), "DELETE"), 403)).code).toBe("FORBIDDEN");
    await host.docker(["rm", "stopped-user"]);
    expect((await send(deployer, vol("made"), "DELETE")).status).toBe(200);
    expect((await error(await send(deployer, vol("made"), "DELETE"), 404)).message).toBe(
      "No such volume: made.",
    );

    await host.docker(["volume", "create", "leftover-1"]);
    await host.docker(["volume", "create", "leftover-2"]);
    const pruned = (await (
      await send(deployer, `/api/hosts/${hostId}/volumes/prune`, "POST")
    ).json()) as { deleted: string[]; spaceReclaimed: number };
    expect(pruned.deleted).toEqual(expect.arrayContaining(["leftover-1", "leftover-2"]));
    expect(pruned.deleted).not.toContain("cli-made");
    const { db } = await import("@/lib/db");
    const rows = await db.auditEvent.findMany({
      where: { action: { startsWith: "volume." } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => `${r.action} ${r.target ?? ""} ${r.outcome}`)).toEqual(
      expect.arrayContaining([
        "volume.create made SUCCESS",
        "volume.create made FAILURE",
        "volume.remove made SUCCESS",
        "volume.remove made DENIED",
        "volume.prune  SUCCESS",
      ]),
    );
  });
});

describe("bind-like volumes and the host security policy", () => {
  it("refuses a deployer a local volume that binds a host path, and lets a host admin make one", async () => {
    const bind = { type: "none", o: "bind", device: "/etc" };
    const refused = await error(
      await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", {
        name: "etc-bind",
        driverOpts: bind,
      }),
      403,
    );
    expect(refused.field).toBe("driverOpts.device");
    expect(refused.violations).toEqual([
      expect.objectContaining({ rule: "hostPath", field: "driverOpts.device" }),
    ]);
    expect(refused.message).toMatch(/device=\/etc is a bind mount of that host path/);
    // an overlay's directories are host paths too
    const overlay = {
      type: "overlay",
      device: "overlay",
      o: "lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w",
    };
    expect(
      (
        await error(
          await send(deployer, `/api/hosts/${hostId}/volumes`, "POST", {
            name: "etc-overlay",
            driverOpts: overlay,
          }),
          403,
        )
      ).violations?.[0]?.rule,
    ).toBe("hostPath");
    const names = (await list(admin)).map((r) => r.name);
    expect(names).not.toContain("etc-bind");
    expect(names).not.toContain("etc-overlay");
    const { db } = await import("@/lib/db");
    const row = await db.auditEvent.findFirst({
      where: { action: "volume.create", target: "etc-bind" },
    });
    expect(row).toMatchObject({ outcome: "DENIED" });
    expect(row?.error).toContain("[policy: hostPath]");

    // whatever the role, not the server's data (a path the agents guard here)
    const guarded = await error(
      await send(admin, `/api/hosts/${hostId}/volumes`, "POST", {
        name: "data-bind",
        driverOpts: { type: "none", o: "bind", device: stack.server.dataDir },
      }),
      403,
    );
    expect(guarded.violations?.[0]?.rule).toBe("protectedPath");

    // a host admin may bind an ordinary directory; the volume holds the resolved path
    const linked = path.join(scratch, "link");
    await symlink(scratch, linked);
    const made = await send(admin, `/api/hosts/${hostId}/volumes`, "POST", {
      name: "scratch-bind",
      driverOpts: { type: "none", o: "bind", device: linked },
    });
    expect(made.status).toBe(201);
    const detail = (await (await admin.fetch(vol("scratch-bind"))).json()) as {
      volume: { options: Record<string, string> };
    };
    expect(detail.volume.options.device).toBe(scratch);
    // reading such a volume is reading the host's directory: a viewer may not
    const opened = await error(await browse(viewer, "scratch-bind", ""), 403);
    expect(opened.message).toMatch(/bind of a host directory/);
    expect((await browse(admin, "scratch-bind", "")).status).toBe(200);
  });
});

describe("browsing a volume", () => {
  it("lists folders with size, mode and owner, previews text and refuses binaries", async () => {
    const root = (await (await browse(viewer, "files", "")).json()) as {
      path: string;
      entries: Entry[];
    };
    expect(root.entries.map((e) => `${e.type} ${e.name}`)).toEqual([
      "dir empty",
      "dir sub",
      "symlink escape-abs",
      "symlink inside",
      "file with space.txt",
    ]);
    expect(root.entries.find((e) => e.name === "inside")?.linkTarget).toBe("sub");
    const sub = (await (await browse(viewer, "files", "inside")).json()) as {
      path: string;
      entries: Entry[];
    };
    expect(sub.path).toBe("sub");
    expect(sub.entries.find((e) => e.name === "private.txt")).toMatchObject({
      type: "file",
      size: 7,
      mode: 0o600,
      uid: 1000,
      gid: 1001,
    });
    expect(sub.entries.find((e) => e.name === "hello.txt")).toMatchObject({
      size: 13,
      mode: 0o644,
      uid: 0,
    });

    const text = (await (
      await viewer.fetch(`${vol("files", "preview")}?path=sub/hello.txt`)
    ).json()) as { text: string; binary: boolean };
    expect(text).toMatchObject({ text: "hello volume\n", binary: false });
    // a file its owner keeps to itself is still read (the helper reads as root)
    expect(
      (
        (await (await viewer.fetch(`${vol("files", "preview")}?path=sub/private.txt`)).json()) as {
          text: string;
        }
      ).text,
    ).toBe("secret\n");
    const binary = (await (
      await viewer.fetch(`${vol("files", "preview")}?path=sub/data.bin`)
    ).json()) as { text: string; binary: boolean };
    expect(binary).toMatchObject({ binary: true, text: "" });
    expect(
      (await error(await viewer.fetch(`${vol("files", "preview")}?path=sub`), 400)).message,
    ).toBe("sub is not a file.");
    await noHelpersLeft();
  });

  it("downloads a file as it is and a folder as a tar", async () => {
    const file = await viewer.fetch(
      `${vol("files", "download")}?path=${encodeURIComponent("with space.txt")}`,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="with_space.txt"');
    expect(await file.text()).toBe("spaced out\n");
    const folder = await viewer.fetch(`${vol("files", "download")}?path=sub`);
    expect(folder.headers.get("content-type")).toBe("application/x-tar");
    const tar = Buffer.from(await folder.arrayBuffer());
    const tarFile = path.join(scratch, "sub.tar");
    await writeFile(tarFile, tar);
    const names = (await host.exec(["tar", "tf", tarFile])).stdout
      .split("\n")
      .filter(Boolean)
      .sort();
    expect(names).toEqual([
      "sub/",
      "sub/data.bin",
      "sub/deeper/",
      "sub/escape-rel",
      "sub/hello.txt",
      "sub/private.txt",
    ]);
    await noHelpersLeft();
  });

  it("refuses '..', absolute paths and symlinks that lead out of the volume", async () => {
    for (const bad of ["../x", "sub/../../etc", "/etc"]) {
      const refused = await error(await browse(viewer, "files", bad), 400);
      expect(refused.message).toMatch(/'\.\.'|absolute paths are refused/);
    }
    for (const [url, what] of [
      [`${vol("files", "files")}?path=escape-abs`, "escape-abs"],
      [`${vol("files", "preview")}?path=escape-abs/passwd`, "escape-abs"],
      [`${vol("files", "download")}?path=sub/escape-rel`, "sub/escape-rel"],
      [`${vol("files", "download")}?path=escape-abs`, "escape-abs"],
    ] as const) {
      const refused = await error(await viewer.fetch(url), 403);
      expect(refused.message).toBe(
        `${what} is a symlink that leads out of the volume; it is not followed.`,
      );
    }
    const upload = await error(
      await deployer.fetch(`${vol("files", "upload")}?path=escape-abs&name=x.txt`, {
        method: "POST",
        body: "x",
      }),
      403,
    );
    expect(upload.message).toMatch(/leads out of the volume/);
    await noHelpersLeft();
  });

  it("uploads files whole and makes folders, for deployers only", async () => {
    const up = (name: string, body: string, who = deployer, extra = "") =>
      who.fetch(
        `${vol("files", "upload")}?path=sub/deeper&name=${encodeURIComponent(name)}${extra}`,
        { method: "POST", body },
      );
    expect((await up("new.txt", "fresh\n")).status).toBe(200);
    expect((await error(await up("new.txt", "again\n"), 409)).message).toBe(
      "sub/deeper/new.txt already exists.",
    );
    expect((await up("new.txt", "replaced\n", deployer, "&overwrite=1")).status).toBe(200);
    expect((await error(await up("v.txt", "no", viewer), 403)).code).toBe("FORBIDDEN");
    expect((await error(await up("../x", "no"), 400)).message).toMatch(/cannot contain '\/'/);
    const made = await send(deployer, vol("files", "mkdir"), "POST", {
      path: "sub",
      name: "made here",
    });
    expect(((await made.json()) as { path: string }).path).toBe("sub/made here");
    expect(
      (
        await error(
          await send(deployer, vol("files", "mkdir"), "POST", { path: "sub", name: "made here" }),
          409,
        )
      ).message,
    ).toBe("sub/made here already exists.");
    const listing = await host.docker([
      "run",
      "--rm",
      "-v",
      "files:/d",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "cat /d/sub/deeper/new.txt; ls -a /d/sub/deeper; stat -c '%a %u' '/d/sub/made here'",
    ]);
    expect(listing.stdout).toBe("replaced\n.\n..\nnew.txt\n755 0\n");
    const { db } = await import("@/lib/db");
    expect(
      await db.auditEvent.count({ where: { action: "volume.upload", outcome: "SUCCESS" } }),
    ).toBe(2);
    expect(
      await db.auditEvent.count({ where: { action: "volume.mkdir", outcome: "SUCCESS" } }),
    ).toBe(1);
    await noHelpersLeft();
  });

  it("says which image the helper needs when the host has none and cannot pull it", async () => {
    const saved = path.join(scratch, "busybox.tar");
    await host.docker(["save", "-o", saved, BUSYBOX_IMAGE]);
    await host.docker(["rm", "-f", "user-of-cli", "files-user"]);
    await host.docker(["rmi", BUSYBOX_IMAGE]);
    try {
      const refused = await error(await browse(viewer, "files", ""), 502);
      expect(refused.message).toMatch(
        new RegExp(
          `^The volume browser needs the image ${BUSYBOX_IMAGE} on this host: pull or load it\\.`,
        ),
      );
    } finally {
      await host.docker(["load", "-i", saved]);
    }
    expect((await browse(viewer, "files", "")).status).toBe(200);
  });
});
