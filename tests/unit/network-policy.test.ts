import { describe, expect, it } from "vitest";
import { HOST_ROLES } from "@/lib/auth/permissions";
import { BerthError, HostSecurityPolicySchema, type HostSecurityPolicyInput } from "@/lib/protocol";
import { effectivePolicy } from "@/lib/policy/effective-policy";
import { networkConnectViolations, networkCreateViolations } from "@/lib/policy/network-policy";
import { withNetworkErrorField } from "@/lib/services/networks/network-error-field";

const policy = (p: HostSecurityPolicyInput = {}) => HostSecurityPolicySchema.parse(p);
const BELOW_ADMIN = HOST_ROLES.filter((r) => r !== "HOST_ADMIN");
const macvlan = { driver: "macvlan" as const, parent: "eth0", options: {} };
const bridge = (options: Record<string, string> = {}) => ({ driver: "bridge" as const, options });

describe("networks under the host security policy", () => {
  it("refuses a macvlan or ipvlan network below host admin unless LAN networks are allowed", () => {
    for (const role of BELOW_ADMIN) {
      const refused = networkCreateViolations(macvlan, policy(), role, []);
      expect(refused.map((v) => [v.rule, v.field])).toEqual([["lanNetwork", "driver"]]);
      expect(refused[0]!.message).toContain("physical network (eth0)");
      expect(
        networkCreateViolations({ ...macvlan, driver: "ipvlan" }, policy(), role, []),
      ).toHaveLength(1);
      expect(
        networkCreateViolations(macvlan, policy({ allowLanNetworks: true }), role, []),
      ).toEqual([]);
    }
    expect(networkCreateViolations(macvlan, policy(), "HOST_ADMIN", [])).toEqual([]);
    expect(networkCreateViolations(bridge(), policy(), "DEPLOYER", ["eth0"])).toEqual([]);
  });

  it("refuses a bridge on an existing host interface, which the engine would adopt", () => {
    const onBr0 = bridge({ "com.docker.network.bridge.name": "br0" });
    expect(
      networkCreateViolations(onBr0, policy(), "DEPLOYER", ["lo", "eth0", "br0"]).map((v) => [
        v.rule,
        v.field,
      ]),
    ).toEqual([["lanNetwork", "options"]]);
    // a bridge of its own, under a new name, is an ordinary bridge network
    expect(networkCreateViolations(onBr0, policy(), "DEPLOYER", ["lo", "eth0"])).toEqual([]);
    expect(networkCreateViolations(onBr0, policy(), "HOST_ADMIN", ["br0"])).toEqual([]);
  });

  it("treats connecting to the host network as host networking, whatever it is named", () => {
    const host = { name: "host", driver: "host" };
    for (const role of BELOW_ADMIN) {
      expect(networkConnectViolations(host, policy(), role).map((v) => v.rule)).toEqual([
        "hostNamespace",
      ]);
      expect(
        networkConnectViolations({ name: "renamed", driver: "host" }, policy(), role),
      ).toHaveLength(1);
      expect(networkConnectViolations(host, policy({ hostNamespaces: ["network"] }), role)).toEqual(
        [],
      );
      expect(networkConnectViolations({ name: "app", driver: "bridge" }, policy(), role)).toEqual(
        [],
      );
    }
    expect(networkConnectViolations(host, policy(), "HOST_ADMIN")).toEqual([]);
  });

  it("allows LAN networks only when every policy of the host does", () => {
    const allows = policy({ allowLanNetworks: true });
    expect(effectivePolicy([allows, allows]).allowLanNetworks).toBe(true);
    expect(effectivePolicy([allows, policy()]).allowLanNetworks).toBe(false);
  });
});

describe("engine refusals placed on the network forms", () => {
  const engine = (
    message: string,
    code: "ENGINE_ERROR" | "CONFLICT" | "NOT_FOUND" = "ENGINE_ERROR",
  ) => BerthError.fromHost({ code, message });
  const fieldOf = (err: unknown) => (err as BerthError).field;

  it("points create refusals at their field", () => {
    expect(
      fieldOf(
        withNetworkErrorField(engine("network with name x already exists", "CONFLICT"), "create"),
      ),
    ).toBe("name");
    expect(
      fieldOf(
        withNetworkErrorField(
          engine("Pool overlaps with other one on this address space"),
          "create",
        ),
      ),
    ).toBe("ipam");
    expect(
      fieldOf(
        withNetworkErrorField(
          engine(
            "could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network",
          ),
          "create",
        ),
      ),
    ).toBe("enableIPv6");
    expect(
      fieldOf(
        withNetworkErrorField(
          engine("invalid subinterface vlan name eth9, example formatting is eth0.10"),
          "create",
        ),
      ),
    ).toBe("parent");
    expect(
      fieldOf(withNetworkErrorField(engine("existing interface eth0 is not a bridge"), "create")),
    ).toBe("options");
  });

  it("points connect refusals at the static address the caller gave", () => {
    const noSubnet = engine(
      "user specified IP address is supported only when connecting to networks with user configured subnets",
    );
    expect(fieldOf(withNetworkErrorField(noSubnet, "connect", { ipv4Address: "10.0.0.5" }))).toBe(
      "ipv4Address",
    );
    expect(fieldOf(withNetworkErrorField(noSubnet, "connect", { ipv6Address: "fd00::5" }))).toBe(
      "ipv6Address",
    );
    expect(
      fieldOf(withNetworkErrorField(engine("No such container: nope", "NOT_FOUND"), "connect")),
    ).toBe("container");
    expect(
      fieldOf(
        withNetworkErrorField(engine("container x is not connected to network y"), "disconnect"),
      ),
    ).toBe("container");
  });

  it("leaves errors that already name a field, and errors of Berth's own, as they are", () => {
    const placed = new BerthError("CONFLICT", "taken", "ipam.0.subnet");
    expect(withNetworkErrorField(placed, "create")).toBe(placed);
    const offline = new BerthError("HOST_OFFLINE", "The host is offline.");
    expect(withNetworkErrorField(offline, "create")).toBe(offline);
  });
});
