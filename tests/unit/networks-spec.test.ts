import { describe, expect, it } from "vitest";
import {
  cidrsOverlap,
  cidrWithin,
  formatIp,
  NetworkSpecSchema,
  parseCidr,
  parseIp,
  type NetworkSpecInput,
} from "@/lib/protocol";
import {
  EMPTY_NETWORK_FORM,
  inputOf,
  validateNetworkForm,
  type NetworkForm,
} from "@/components/networks/network-form-model";

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a subnet: ${text}`);
  return parsed;
};

/** Each problem the schema finds, as "path: message". */
function problems(input: NetworkSpecInput): string[] {
  const parsed = NetworkSpecSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("addresses and subnets", () => {
  it("reads IPv4 and IPv6 addresses, and writes IPv6 in its shortest form", () => {
    expect(parseIp("10.1.2.3")).toEqual({ family: 4, value: 0x0a010203n });
    expect(parseIp("256.1.1.1")).toBeNull();
    expect(parseIp("01.1.1.1")).toBeNull();
    expect(parseIp("fd00::1")?.family).toBe(6);
    expect(parseIp("::ffff:10.0.0.1")?.value).toBe(0xffff0a000001n);
    expect(parseIp("1::2::3")).toBeNull();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(formatIp(parseIp("fd00:0:0:0:0:0:0:1")!)).toBe("fd00::1");
    // the longest run of zeros is shortened, the first of two as long
    expect(formatIp(parseIp("fd00:1:0:0:1:0:0:0")!)).toBe("fd00:1:0:0:1::");
    expect(formatIp(parseIp("fd00:0:0:1:0:0:1:1")!)).toBe("fd00::1:0:0:1:1");
  });

  it("tells overlapping and nested subnets apart, never across families", () => {
    expect(cidrsOverlap(cidr("10.60.0.0/16"), cidr("10.60.1.0/24"))).toBe(true);
    expect(cidrsOverlap(cidr("10.60.0.0/24"), cidr("10.60.1.0/24"))).toBe(false);
    expect(cidrsOverlap(cidr("fd00::/64"), cidr("fd00::/48"))).toBe(true);
    expect(cidrsOverlap(cidr("0.0.0.0/0"), cidr("::/0"))).toBe(false);
    expect(cidrWithin(cidr("10.1.0.128/25"), cidr("10.1.0.0/24"))).toBe(true);
    expect(cidrWithin(cidr("10.1.0.0/23"), cidr("10.1.0.0/24"))).toBe(false);
    expect(cidr("10.1.2.3/16").hostBitsSet).toBe(true);
  });
});

describe("the network spec", () => {
  it("takes a full macvlan spec as the CLI would send it", () => {
    const spec = NetworkSpecSchema.parse({
      name: "lan",
      driver: "macvlan",
      parent: "eth0.10",
      ipam: [{ subnet: "192.168.10.0/24", gateway: "192.168.10.1", ipRange: "192.168.10.128/25" }],
      labels: { team: "edge" },
      options: { macvlan_mode: "bridge" },
    });
    expect(spec).toMatchObject({ driver: "macvlan", enableIPv6: false, internal: false });
  });

  it("refuses the engine's own names and names that would change an Engine API path", () => {
    for (const name of ["bridge", "host", "none"]) {
      expect(problems({ name })).toEqual([expect.stringContaining("the engine's own networks")]);
    }
    for (const name of ["../containers", "a/b", "prune?x", "", " "]) {
      expect(problems({ name }).length, name).toBeGreaterThan(0);
    }
  });

  it("puts every IPAM mistake next to its field", () => {
    expect(
      problems({
        name: "n",
        ipam: [
          { subnet: "10.1.0.0/16", gateway: "10.2.0.1" },
          { subnet: "10.1.5.0/24", ipRange: "10.1.6.0/25" },
          { subnet: "10.3.0.9/24" },
          { subnet: "fd00:1::/64" },
        ],
      }),
    ).toEqual([
      "ipam.2.subnet: 10.3.0.9/24 is not where its subnet starts: write 10.3.0.0/24.",
      "ipam.0.gateway: The gateway 10.2.0.1 is not in 10.1.0.0/16.",
      "ipam.1.subnet: 10.1.5.0/24 overlaps 10.1.0.0/16.",
      "ipam.1.ipRange: The range 10.1.6.0/25 is not inside 10.1.5.0/24.",
      "ipam.3.subnet: An IPv6 subnet needs IPv6 turned on for the network.",
    ]);
    expect(
      problems({
        name: "n",
        enableIPv6: true,
        ipam: [{ subnet: "fd00:1::/64", gateway: "fd00:1::1" }],
      }),
    ).toEqual([]);
  });

  it("keeps driver settings to the drivers that have them", () => {
    expect(problems({ name: "n", parent: "eth0" })).toEqual([
      "parent: Only macvlan and ipvlan networks have a parent interface.",
    ]);
    expect(problems({ name: "n", driver: "macvlan", ipvlanMode: "l3" })).toEqual([
      "ipvlanMode: Only ipvlan networks have an IPvlan mode.",
    ]);
    expect(problems({ name: "n", driver: "ipvlan", options: { parent: "eth0" } })).toEqual([
      "options: Set the parent interface in its own field, not as -o parent.",
    ]);
    expect(problems({ name: "n", driver: "macvlan", parent: "eth0;reboot" })).toHaveLength(1);
  });
});

describe("the create form", () => {
  const form = (patch: Partial<NetworkForm>): NetworkForm => ({ ...EMPTY_NETWORK_FORM, ...patch });
  const pool = (key: number, subnet: string, gateway = "", ipRange = "") => ({
    key,
    subnet,
    gateway,
    ipRange,
  });

  it("sends what was typed, leaving blank rows out", () => {
    const { spec, errors } = validateNetworkForm(
      form({
        name: " app ",
        driver: "ipvlan",
        parent: "eth0",
        ipvlanMode: "l3",
        pools: [pool(1, ""), pool(2, "10.9.0.0/24", "10.9.0.1")],
        labels: "team=edge\n\n owner = ops ",
        options: "com.docker.network.driver.mtu=1400",
      }),
    );
    expect(errors).toEqual({});
    expect(spec).toMatchObject({
      name: "app",
      driver: "ipvlan",
      parent: "eth0",
      ipvlanMode: "l3",
      ipam: [{ subnet: "10.9.0.0/24", gateway: "10.9.0.1" }],
      labels: { team: "edge", owner: "ops" },
      options: { "com.docker.network.driver.mtu": "1400" },
    });
  });

  it("shows each problem under the input it is about, on the row the user typed it in", () => {
    const { spec, errors } = validateNetworkForm(
      form({
        name: "host",
        driver: "macvlan",
        pools: [pool(1, ""), pool(2, "10.9.0.0/24", "10.8.0.1")],
        labels: "no equals sign",
      }),
    );
    expect(spec).toBeNull();
    expect(errors).toEqual({
      name: expect.stringContaining("the engine's own networks"),
      parent: "Pick the host interface the network sits on.",
      "ipam-1-gateway": "The gateway 10.8.0.1 is not in 10.9.0.0/24.",
      labels: "Line 1: write each label as name=value.",
    });
  });

  it("places the server's fields on the form's inputs", () => {
    expect(inputOf("ipam.0.subnet", [2])).toBe("ipam-2-subnet");
    expect(inputOf("ipam", [2])).toBe("ipam");
    expect(inputOf("parent", [])).toBe("parent");
    expect(inputOf(["labels", "team"], [])).toBe("labels");
  });
});
