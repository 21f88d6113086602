import type { Metadata } from "next";
import { ClusterView } from "@/components/swarm/cluster-view";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage() {
  await requirePageUser();
  return <ClusterView />;
}
