"use client";

import { useEffect, useMemo, useState } from "react";
import type { HostRoleName } from "@/lib/auth/permissions";
import { evaluatePolicy } from "@/lib/policy/evaluate-policy";
import {
  RunSpecSchema,
  type HostSecurityPolicy,
  type PolicyViolation,
  type RunSpecInput,
} from "@/lib/protocol";
import type { HostPolicyView } from "@/lib/services/policy/policy-view";
import { api } from "@/components/ui/api-client";

/** No host facts in the browser: paths are judged as written; the server resolves them. */
const AS_WRITTEN = { protectedPaths: [], volumeBinds: {} };

/**
 * What the host's security policy would refuse of the form as it stands, for the user's role:
 * the same pure check the server makes, so a deployer learns it before pressing Create. The
 * server's answer still decides (it resolves host paths first).
 */
export function usePolicyPreview(
  hostId: string,
  role: HostRoleName | null,
  spec: RunSpecInput | null,
): PolicyViolation[] {
  const [effective, setEffective] = useState<{
    hostId: string;
    policy: HostSecurityPolicy;
  } | null>(null);
  useEffect(() => {
    if (!hostId || role === null || role === "HOST_ADMIN") return;
    let live = true;
    api<HostPolicyView>(`/api/hosts/${encodeURIComponent(hostId)}/policy`).then(
      (view) => {
        if (live) setEffective({ hostId, policy: view.effective });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hostId, role]);
  return useMemo(() => {
    if (!spec || role === null || effective?.hostId !== hostId) return [];
    const parsed = RunSpecSchema.safeParse(spec);
    return parsed.success ? evaluatePolicy(parsed.data, effective.policy, role, AS_WRITTEN) : [];
  }, [spec, role, effective, hostId]);
}
