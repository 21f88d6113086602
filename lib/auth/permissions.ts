/**
 * The single source of who may do what. Host permissions map to the least per-host role that
 * holds them; global permissions belong to global ADMINs only. Used by every entry point
 * (through guard.ts) and by the UI to hide controls.
 */
export const HOST_ROLES = ["VIEWER", "OPERATOR", "DEPLOYER", "HOST_ADMIN"] as const;
export type HostRoleName = (typeof HOST_ROLES)[number];

export const HOST_PERMISSIONS = {
  "host.read": "VIEWER",
  "container.read": "VIEWER",
  "container.logs": "VIEWER",
  "image.read": "VIEWER",
  "volume.read": "VIEWER",
  "network.read": "VIEWER",
  "stack.read": "VIEWER",
  "container.operate": "OPERATOR",
  "container.exec": "OPERATOR",
  "container.export": "OPERATOR",
  "container.secrets": "OPERATOR",
  /** A `docker save` tar holds the image config, secret environment values included. */
  "image.save": "OPERATOR",
  "container.create": "DEPLOYER",
  "image.pull": "DEPLOYER",
  "image.build": "DEPLOYER",
  "image.push": "DEPLOYER",
  "image.remove": "DEPLOYER",
  /** Upload files and make folders in a volume. */
  "volume.write": "DEPLOYER",
  /** Create, remove, prune, clone, back up to the server, restore, schedule backups. */
  "volume.manage": "DEPLOYER",
  "network.manage": "DEPLOYER",
  "stack.deploy": "DEPLOYER",
  /** Grant roles on the host (or group) to teams and users, never above one's own. */
  "access.grant": "DEPLOYER",
  "container.privileged": "HOST_ADMIN",
  /** Make and change alert rules whose scope is only hosts (and groups) one administers. */
  "alert.manage": "HOST_ADMIN",
  "host.manage": "HOST_ADMIN",
} as const satisfies Record<string, HostRoleName>;
export type HostPermission = keyof typeof HOST_PERMISSIONS;

export const GLOBAL_PERMISSIONS = [
  "hosts.add",
  /** Remove a host from Berth (its agent key is revoked; its agent uninstalled over SSH). */
  "hosts.remove",
  "users.manage",
  "teams.manage",
  "groups.manage",
  "registry.manage",
  "settings.manage",
  "audit.read",
  /** Alert channels, and alert rules over any hosts (every host included). */
  "alerts.manage",
] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

export function roleRank(role: HostRoleName): number {
  return HOST_ROLES.indexOf(role);
}

export function roleAllows(role: HostRoleName | null, permission: HostPermission): boolean {
  if (role === null) return false;
  return roleRank(role) >= roleRank(HOST_PERMISSIONS[permission]);
}

/** The strongest of several grants; null when there are none. */
export function strongestRole(roles: readonly HostRoleName[]): HostRoleName | null {
  let best: HostRoleName | null = null;
  for (const role of roles) {
    if (best === null || roleRank(role) > roleRank(best)) best = role;
  }
  return best;
}

export function hostPermissionsOf(role: HostRoleName | null): HostPermission[] {
  return (Object.keys(HOST_PERMISSIONS) as HostPermission[]).filter((p) => roleAllows(role, p));
}
