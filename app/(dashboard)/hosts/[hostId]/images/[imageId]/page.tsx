import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImageDetails } from "@/components/images/image-details";
import { requirePageUser } from "@/lib/auth/current-user";
import { BerthError } from "@/lib/protocol";
import { getHost } from "@/lib/services/hosts/get-host";
import { getImage } from "@/lib/services/images/get-image";
import { listRegistries } from "@/lib/services/registries/list-registries";

export const metadata: Metadata = { title: "Image" };

export default async function ImagePage({
  params,
}: {
  params: Promise<{ hostId: string; imageId: string }>;
}) {
  const user = await requirePageUser();
  const { hostId, imageId } = await params;
  const id = decodeURIComponent(imageId);
  try {
    const [host, detail, registries] = await Promise.all([
      getHost(user, hostId),
      getImage(user, hostId, id),
      listRegistries(user),
    ]);
    return (
      <ImageDetails
        key={`${hostId}/${id}`}
        hostId={hostId}
        hostName={host.name}
        detail={detail}
        registries={registries.map((r) => ({ id: r.id, name: r.name, host: r.host }))}
      />
    );
  } catch (err) {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    if (err instanceof BerthError) {
      return <p className="text-red-700">{err.message}</p>;
    }
    throw err;
  }
}
