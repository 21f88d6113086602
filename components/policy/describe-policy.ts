import type { HostNamespace, HostSecurityPolicy } from "@/lib/protocol";

const NAMESPACE_WORDS: Record<HostNamespace, string> = {
  network: "the host's network",
  pid: "the host's processes (PID)",
  ipc: "the host's IPC",
  uts: "the host's name (UTS)",
  userns: "the host's user namespace",
  cgroupns: "the host's cgroup namespace",
};

/** What a policy allows beyond an ordinary container, one line each; empty for the strict one. */
export function describePolicy(policy: HostSecurityPolicy): string[] {
  const lines: string[] = [];
  if (policy.allowPrivileged) lines.push("Privileged containers");
  if (policy.allowedCapabilities.length)
    lines.push(`Added capabilities: ${policy.allowedCapabilities.join(", ")}`);
  if (policy.hostNamespaces.length)
    lines.push(`Sharing ${policy.hostNamespaces.map((n) => NAMESPACE_WORDS[n]).join(", ")}`);
  if (policy.allowContainerNamespaces) lines.push("Joining another container's namespaces");
  if (policy.allowedDevices.length) lines.push(`Devices under ${policy.allowedDevices.join(", ")}`);
  if (policy.allowGpus) lines.push("GPUs");
  if (policy.allowedSysctls.length) lines.push(`Sysctls: ${policy.allowedSysctls.join(", ")}`);
  if (policy.allowSecurityOptions) lines.push("Any security option (seccomp, AppArmor, SELinux)");
  if (policy.allowCgroupParent) lines.push("A cgroup parent");
  if (policy.allowedLogDrivers.length)
    lines.push(`Log drivers: ${policy.allowedLogDrivers.join(", ")}`);
  if (policy.allowedBindPaths.length)
    lines.push(`Bind mounts under ${policy.allowedBindPaths.join(", ")}`);
  if (policy.allowLanNetworks) lines.push("macvlan and ipvlan networks on the host's LAN");
  if (policy.allowProtectedPaths)
    lines.push("Binding protected paths (the agent's files, the Docker socket, the engine's data)");
  return lines;
}
