import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VolumeDetails } from "@/components/volumes/volume-details";
import { requirePageUser } from "@/lib/auth/current-user";
import { BerthError } from "@/lib/protocol";
import { getHost } from "@/lib/services/hosts/get-host";
import { getVolume } from "@/lib/services/volumes/get-volume";

export const metadata: Metadata = { title: "Volume" };

export default async function VolumePage({
  params,
}: {
  params: Promise<{ hostId: string; name: string }>;
}) {
  const user = await requirePageUser();
  const { hostId, name } = await params;
  const volume = decodeURIComponent(name);
  try {
    const [host, detail] = await Promise.all([
      getHost(user, hostId),
      getVolume(user, hostId, volume),
    ]);
    return (
      <VolumeDetails
        key={`${hostId}/${volume}`}
        hostId={hostId}
        hostName={host.name}
        detail={detail}
      />
    );
  } catch (err) {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    if (err instanceof BerthError) return <p className="text-red-700">{err.message}</p>;
    throw err;
  }
}
