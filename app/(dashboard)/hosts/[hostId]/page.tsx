import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HistoryHostChart } from "@/components/charts/history-host-chart";
import { LiveHostChart } from "@/components/charts/live-host-chart";
import { AgentKeyPanel } from "@/components/hosts/agent-key-panel";
import { EngineInfoList } from "@/components/hosts/engine-info";
import { HostHeader } from "@/components/hosts/host-header";
import { RemoveHostPanel } from "@/components/hosts/remove-host-panel";
import { HostPolicyPanel } from "@/components/policy/host-policy-panel";
import { AutoUpdatePolicies } from "@/components/image-updates/auto-update-policies";
import { Card } from "@/components/ui/card";
import { BerthError } from "@/lib/protocol";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/current-user";
import { getHost } from "@/lib/services/hosts/get-host";
import { getHostPolicy } from "@/lib/services/policy/get-host-policy";
import { listAgentKeyConflicts } from "@/lib/services/hosts/list-agent-key-conflicts";
import { getHostSsh } from "@/lib/services/hosts/get-host-ssh";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const user = await requirePageUser();
  const { hostId } = await params;
  const host = await getHost(user, hostId).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <div className="flex gap-4 text-sm">
        <Link href="/hosts" className="text-sky-700 hover:underline">
          ← Hosts
        </Link>
        <Link href={`/images?host=${host.id}`} className="ml-auto text-sky-700 hover:underline">
          Images on this host
        </Link>
        <Link href={`/volumes?host=${host.id}`} className="text-sky-700 hover:underline">
          Volumes on this host
        </Link>
      </div>
      <div className="flex items-center justify-between gap-3">
        <HostHeader
          hostId={host.id}
          name={host.name}
          online={host.online}
          lastSeenAt={host.lastSeenAt}
        />
        {roleAllows(host.role, "access.grant") ? (
          <Link
            href={`/hosts/${host.id}/access`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
          >
            Access
          </Link>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Live: CPU and memory">
          <LiveHostChart hostId={host.id} />
        </Card>
        <Card title="History">
          <HistoryHostChart hostId={host.id} />
        </Card>
      </div>
      <Card title="Docker engine">
        <EngineInfoList engine={host.engine} agentVersion={host.agentVersion} />
      </Card>
      <Card id="auto-updates" title="Automatic image updates">
        <AutoUpdatePolicies
          hostId={host.id}
          canManage={roleAllows(host.role, "container.create")}
        />
      </Card>
      <Card id="security-policy" title="Security policy">
        <HostPolicyPanel view={await getHostPolicy(user, host.id)} />
      </Card>
      {roleAllows(host.role, "host.manage") ? (
        <Card title="Agent key">
          <AgentKeyPanel
            hostId={host.id}
            keyRevoked={host.keyRevoked}
            conflicts={await listAgentKeyConflicts(user, host.id)}
          />
        </Card>
      ) : null}
      {user.role === "ADMIN" ? (
        <Card title="Remove host">
          <RemoveHostPanel
            hostId={host.id}
            hostName={host.name}
            ssh={await getHostSsh(user, host.id)}
          />
        </Card>
      ) : null}
    </div>
  );
}
