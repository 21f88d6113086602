import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ZodError } from "zod";
import { NetworkDetails } from "@/components/networks/network-details";
import { requirePageUser } from "@/lib/auth/current-user";
import { BerthError } from "@/lib/protocol";
import { getHost } from "@/lib/services/hosts/get-host";
import { getNetwork } from "@/lib/services/networks/get-network";

export const metadata: Metadata = { title: "Network" };

export default async function NetworkPage({
  params,
}: {
  params: Promise<{ hostId: string; networkId: string }>;
}) {
  const user = await requirePageUser();
  const { hostId, networkId } = await params;
  const ref = decodeURIComponent(networkId);
  try {
    const [host, detail] = await Promise.all([
      getHost(user, hostId),
      getNetwork(user, hostId, ref),
    ]);
    return (
      <NetworkDetails
        key={`${hostId}/${ref}`}
        hostId={hostId}
        hostName={host.name}
        detail={detail}
      />
    );
  } catch (err) {
    // a name that cannot be a network's is no network either
    if (err instanceof ZodError || (err instanceof BerthError && err.code === "NOT_FOUND")) {
      notFound();
    }
    if (err instanceof BerthError) {
      return <p className="text-red-700">{err.message}</p>;
    }
    throw err;
  }
}
