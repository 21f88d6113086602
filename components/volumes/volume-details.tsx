"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { VolumeDetail } from "@/lib/services/volumes/get-volume";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatBytes, formatDateTime, formatRelative } from "@/components/ui/format";
import { JsonTree } from "@/components/ui/json-tree";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { volumeApi } from "./api";
import { BackupPanel } from "./backup-panel";
import { CloneDialog } from "./clone-dialog";
import { FileBrowser } from "./file-browser";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}

const pairs = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ") || "—";

/** One volume: what it is and who uses it, its files, its backups; clone and remove. */
export function VolumeDetails({
  hostId,
  hostName,
  detail,
}: {
  hostId: string;
  hostName: string;
  detail: VolumeDetail;
}) {
  const router = useRouter();
  const { volume, inspect, role } = detail;
  const [cloning, setCloning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canManage = roleAllows(role, "volume.manage");

  useHostChangeFeed("volumesChanged", (id) => {
    if (id === null || id === hostId) router.refresh();
  });

  async function remove() {
    if (!window.confirm(`Remove the volume ${volume.name} and everything in it?`)) return;
    try {
      await api(volumeApi(hostId, volume.name), { method: "DELETE" });
      router.push("/volumes");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{volume.name}</h1>
        <span className="text-sm text-slate-500">
          volume on{" "}
          <Link href={`/hosts/${hostId}`} className="text-sky-800 hover:underline">
            {hostName}
          </Link>
        </span>
        {canManage ? (
          <div className="ml-auto flex gap-2">
            <Button variant="secondary" onClick={() => setCloning(true)}>
              Clone
            </Button>
            <Button variant="danger" onClick={() => void remove()}>
              Remove
            </Button>
          </div>
        ) : null}
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}

      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Card title="Volume">
          <dl data-testid="volume-summary">
            <Row label="Driver">{volume.driver}</Row>
            <Row label="Size">
              {volume.size === null
                ? "not measured yet"
                : `${formatBytes(volume.size)} (measured ${formatRelative(volume.sizeAt)})`}
            </Row>
            <Row label="Created">{formatDateTime(volume.createdAt)}</Row>
            <Row label="Used by">
              {volume.containers.length === 0
                ? "no container (dangling)"
                : volume.containers
                    .map((c) => `${c.name}${c.running ? " (running)" : ""}`)
                    .join(", ")}
            </Row>
            <Row label="Labels">{pairs(volume.labels)}</Row>
            <Row label="Options">{pairs(volume.options)}</Row>
            <Row label="Mount point">
              <code className="font-mono text-xs">{volume.mountpoint}</code>
            </Row>
          </dl>
        </Card>
        <BackupPanel hostId={hostId} volume={volume.name} canManage={canManage} />
      </div>

      <FileBrowser
        hostId={hostId}
        volume={volume.name}
        canWrite={roleAllows(role, "volume.write")}
      />

      <Card title="Inspect">
        <JsonTree value={inspect} />
      </Card>

      {cloning ? (
        <CloneDialog
          hostId={hostId}
          volume={volume.name}
          labels={volume.labels}
          onClose={() => setCloning(false)}
        />
      ) : null}
    </div>
  );
}
