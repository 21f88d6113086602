import type { Metadata } from "next";
import { ContainerDetails } from "@/components/containers/details/container-details";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Container" };

export default async function ContainerPage({
  params,
}: {
  params: Promise<{ hostId: string; id: string }>;
}) {
  await requirePageUser();
  const { hostId, id } = await params;
  return <ContainerDetails key={`${hostId}/${id}`} hostId={hostId} id={id} />;
}
