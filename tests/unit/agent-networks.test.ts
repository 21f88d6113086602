import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readHostInterfaces, netDevNames } from "../../agent/src/host/interfaces";
import { ListFeed } from "../../agent/src/engine/list-feed";
import { changesNetworkList } from "../../agent/src/engine/network-list-events";
import { containersByNetwork, containersInWords } from "../../agent/src/engine/network-summary";

afterEach(() => vi.useRealTimers());

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
  eth0:    2000      20    0    0    0     0          0         0     3000      30    0    0    0     0       0          0
   br0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
veth12ab:      10       1    0    0    0     0          0         0       10       1    0    0    0     0       0          0
`;

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A fake /proc and /sys: `sysNames` get a /sys/class/net entry each. */
async function fakeHost(sysNames: string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), "berth-ifaces-"));
  dirs.push(root);
  await mkdir(path.join(root, "proc/self/net"), { recursive: true });
  await writeFile(path.join(root, "proc/self/net/dev"), NET_DEV);
  for (const name of sysNames) {
    const dir = path.join(root, "sys/class/net", name);
    await mkdir(dir, { recursive: true });
    const loopback = name === "lo";
    await writeFile(path.join(dir, "type"), loopback ? "772\n" : "1\n");
    await writeFile(path.join(dir, "flags"), name === "br0" ? "0x1002\n" : "0x1003\n");
    await writeFile(
      path.join(dir, "address"),
      loopback ? "00:00:00:00:00:00\n" : "02:42:ac:11:00:02\n",
    );
    await writeFile(path.join(dir, "uevent"), `INTERFACE=${name}\n`);
    if (name === "eth0") await symlink(root, path.join(dir, "device"));
    if (name === "br0") {
      await mkdir(path.join(dir, "bridge"));
      await writeFile(path.join(dir, "flags"), "0x1002\n");
    }
  }
  return {
    proc: path.join(root, "proc"),
    sys: path.join(root, "sys"),
    addresses: () => ({
      lo: [
        {
          address: "127.0.0.1",
          netmask: "255.0.0.0",
          family: "IPv4" as const,
          mac: "00:00:00:00:00:00",
          internal: true,
          cidr: "127.0.0.1/8",
        },
      ],
      eth0: [
        {
          address: "10.99.0.11",
          netmask: "255.255.255.0",
          family: "IPv4" as const,
          mac: "02:42:ac:11:00:02",
          internal: false,
          cidr: "10.99.0.11/24",
        },
        {
          address: "fe80::1",
          netmask: "ffff:ffff:ffff:ffff::",
          family: "IPv6" as const,
          mac: "02:42:ac:11:00:02",
          internal: false,
          cidr: "fe80::1/64",
          scopeid: 2,
        },
      ],
    }),
  };
}

describe("the host's interfaces", () => {
  it("takes names from /proc/net/dev, skipping its headers", () => {
    expect(netDevNames(NET_DEV)).toEqual(["lo", "eth0", "br0", "veth12ab"]);
  });

  it("reads kind, state and MAC from /sys when it shows this namespace", async () => {
    const interfaces = await readHostInterfaces(await fakeHost(["lo", "eth0", "br0", "veth12ab"]));
    expect(interfaces).toEqual([
      {
        name: "lo",
        type: "loopback",
        up: true,
        engine: false,
        mac: null,
        addresses: [{ address: "127.0.0.1", prefix: 8, family: 4 }],
      },
      {
        name: "eth0",
        type: "ethernet",
        up: true,
        engine: false,
        mac: "02:42:ac:11:00:02",
        addresses: [
          { address: "10.99.0.11", prefix: 24, family: 4 },
          { address: "fe80::1", prefix: 64, family: 6 },
        ],
      },
      {
        name: "br0",
        type: "bridge",
        up: false,
        engine: false,
        mac: "02:42:ac:11:00:02",
        addresses: [],
      },
      // a container's end of the engine's plumbing: no parent for a LAN network
      {
        name: "veth12ab",
        type: "virtual",
        up: true,
        engine: true,
        mac: "02:42:ac:11:00:02",
        addresses: [],
      },
    ]);
  });

  it("trusts /sys only when it lists this namespace's interfaces (the agent may run in another)", async () => {
    // another namespace's /sys: an eth0 of its own and interfaces this one lacks
    const interfaces = await readHostInterfaces(await fakeHost(["lo", "eth0", "wlan0", "docker0"]));
    expect(interfaces.map((i) => [i.name, i.type, i.up])).toEqual([
      ["lo", "loopback", true],
      ["eth0", "unknown", true],
      ["br0", "unknown", false],
      ["veth12ab", "unknown", false],
    ]);
  });
});

describe("networks from the engine's lists", () => {
  const container = (name: string, state: string, networks: Record<string, object>) => ({
    Id: `${name}-id`,
    Names: [`/${name}`],
    State: state,
    NetworkSettings: { Networks: networks },
  });

  it("finds each network's containers by id, or by name for one that never ran", () => {
    const map = containersByNetwork(
      [
        container("web", "running", {
          app: {
            NetworkID: "n1",
            IPAddress: "10.1.0.2",
            IPPrefixLen: 24,
            MacAddress: "02:42:0a:01:00:02",
          },
        }),
        container("job", "created", { app: { NetworkID: "" } }),
        container("old", "exited", { gone: { NetworkID: "n9" } }),
      ] as never,
      (name) => (name === "app" ? "n1" : undefined),
    );
    expect(map.get("n1")?.map((c) => [c.name, c.state, c.ipv4Address])).toEqual([
      ["job", "created", ""],
      ["web", "running", "10.1.0.2/24"],
    ]);
    expect(containersInWords(map.get("n1") ?? [])).toBe("job (created) and web");
  });

  it("tells of network changes once per burst, and of container changes that move membership", () => {
    vi.useFakeTimers();
    const notify = vi.fn();
    const feed = new ListFeed(changesNetworkList, notify, 250);
    const event = (Type: string, Action: string) => ({
      Type,
      Action,
      Actor: { ID: "x", Attributes: {} },
    });
    feed.onEvent(event("network", "create"));
    feed.onEvent(event("network", "connect"));
    feed.onEvent(event("container", "start"));
    vi.advanceTimersByTime(300);
    expect(notify).toHaveBeenCalledTimes(1);
    feed.onEvent(event("container", "start"));
    feed.onEvent(event("image", "pull"));
    vi.advanceTimersByTime(300);
    expect(notify).toHaveBeenCalledTimes(1);
    feed.onEvent(event("container", "destroy"));
    vi.advanceTimersByTime(300);
    expect(notify).toHaveBeenCalledTimes(2);
  });
});
