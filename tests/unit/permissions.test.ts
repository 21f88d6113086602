import { describe, expect, it } from "vitest";
import {
  HOST_PERMISSIONS,
  HOST_ROLES,
  hostPermissionsOf,
  roleAllows,
  strongestRole,
  type HostPermission,
} from "@/lib/auth/permissions";

describe("permission table", () => {
  it("grants each role everything the weaker roles have, and more", () => {
    const sets = HOST_ROLES.map((role) => new Set(hostPermissionsOf(role)));
    for (let i = 1; i < sets.length; i += 1) {
      for (const p of sets[i - 1]!) expect(sets[i]!.has(p)).toBe(true);
      expect(sets[i]!.size).toBeGreaterThan(sets[i - 1]!.size);
    }
  });

  it("places the permissions the product depends on at the roles the design names", () => {
    const expected: Array<[HostPermission, string]> = [
      ["container.read", "VIEWER"],
      ["container.operate", "OPERATOR"],
      ["container.exec", "OPERATOR"],
      ["container.create", "DEPLOYER"],
      ["image.pull", "DEPLOYER"],
      ["stack.deploy", "DEPLOYER"],
      ["network.manage", "DEPLOYER"],
      ["host.manage", "HOST_ADMIN"],
    ];
    for (const [permission, role] of expected) expect(HOST_PERMISSIONS[permission]).toBe(role);
  });

  it("denies everything without a grant", () => {
    for (const p of Object.keys(HOST_PERMISSIONS) as HostPermission[]) {
      expect(roleAllows(null, p)).toBe(false);
    }
  });

  it("lets the strongest of several grants win", () => {
    expect(strongestRole(["VIEWER", "DEPLOYER", "OPERATOR"])).toBe("DEPLOYER");
    expect(strongestRole([])).toBeNull();
    expect(roleAllows("OPERATOR", "container.create")).toBe(false);
    expect(roleAllows("DEPLOYER", "container.create")).toBe(true);
  });
});
