import type { HostSecurityPolicy } from "@/lib/protocol";
import { describePolicy } from "./describe-policy";

/** A policy in plain words: what containers may do beyond an ordinary container. */
export function PolicySummary({ policy, testId }: { policy: HostSecurityPolicy; testId?: string }) {
  const lines = describePolicy(policy);
  if (lines.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid={testId}>
        Nothing beyond an ordinary container: no privileged mode, added capabilities, host
        namespaces, devices, GPUs, sysctls, security options, bind mounts (named volumes and tmpfs
        only) or networks on the host&apos;s LAN.
      </p>
    );
  }
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-700" data-testid={testId}>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
