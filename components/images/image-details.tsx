"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { ImageDetail } from "@/lib/services/images/get-image";
import type { TaggedImage } from "@/lib/services/images/tag-image";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formatBytes } from "@/components/ui/format";
import { errorText, postJson } from "@/components/ui/api-client";
import { JsonTree } from "@/components/ui/json-tree";
import { imagesApi, shortId, type RegistryOption } from "./api";
import { LayerHistory } from "./layer-history";
import { TransferDialog } from "./transfer-dialog";

type Inspect = {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Architecture?: string;
  Os?: string;
  Author?: string;
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
  };
  RootFS?: { Layers?: string[] };
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}

/** One image: what it is, its layer history, and tag, push, save and remove. */
export function ImageDetails({
  hostId,
  hostName,
  detail,
  registries,
}: {
  hostId: string;
  hostName: string;
  detail: ImageDetail;
  registries: RegistryOption[];
}) {
  const router = useRouter();
  const inspect = detail.inspect as Inspect;
  const id = inspect.Id ?? "";
  const tags = inspect.RepoTags ?? [];
  const [repository, setRepository] = useState("");
  const [tag, setTag] = useState("latest");
  const [tagError, setTagError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pushing, setPushing] = useState<string | null>(null);
  const canTag = roleAllows(detail.role, "image.build");
  const canPush = roleAllows(detail.role, "image.push");
  const canRemove = roleAllows(detail.role, "image.remove");
  const canSave = roleAllows(detail.role, "image.save");

  async function addTag() {
    setTagError(null);
    try {
      const res = await postJson<TaggedImage>(imagesApi(hostId, "tag"), {
        ref: id,
        repository,
        tag,
      });
      setNotice(`Tagged as ${res.name}.`);
      setRepository("");
      router.refresh();
    } catch (err) {
      setTagError(errorText(err));
    }
  }

  async function remove(ref: string, force: boolean) {
    setError(null);
    try {
      await postJson(imagesApi(hostId, "remove"), { ref, force });
      if (ref === id || tags.length <= 1) router.push("/images");
      else {
        setNotice(`Removed the tag ${ref}.`);
        router.refresh();
      }
    } catch (err) {
      setError(errorText(err));
    }
  }

  const config = inspect.Config ?? {};
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{tags[0] ?? shortId(id)}</h1>
        <span className="text-sm text-slate-500">on {hostName}</span>
        <div className="ml-auto flex gap-2">
          {canSave ? (
            <a
              href={`${imagesApi(hostId, "save")}?${new URLSearchParams((tags.length ? tags : [id]).map((ref) => ["ref", ref])).toString()}`}
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
              download
            >
              Save as tar
            </a>
          ) : null}
          {canRemove ? (
            <Button
              variant="danger"
              onClick={() => {
                if (window.confirm("Remove this image and all its tags from the host?")) {
                  void remove(id, true);
                }
              }}
            >
              Remove image
            </Button>
          ) : null}
        </div>
      </div>
      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Image">
          <dl>
            <Row label="Id">
              <code className="font-mono text-xs">{id}</code>
            </Row>
            <Row label="Size">{formatBytes(inspect.Size ?? 0)}</Row>
            <Row label="Layers">{inspect.RootFS?.Layers?.length ?? 0}</Row>
            <Row label="Created">
              {inspect.Created ? new Date(inspect.Created).toLocaleString() : "—"}
            </Row>
            <Row label="Platform">
              {inspect.Os ?? "?"}/{inspect.Architecture ?? "?"}
            </Row>
            <Row label="Entrypoint">{config.Entrypoint?.join(" ") || "—"}</Row>
            <Row label="Command">{config.Cmd?.join(" ") || "—"}</Row>
            <Row label="Working dir">{config.WorkingDir || "—"}</Row>
            <Row label="User">{config.User || "—"}</Row>
            <Row label="Ports">{Object.keys(config.ExposedPorts ?? {}).join(", ") || "—"}</Row>
            <Row label="Digests">{(inspect.RepoDigests ?? []).join(", ") || "—"}</Row>
          </dl>
        </Card>
        <Card title="Tags">
          <ul className="space-y-1 text-sm" data-testid="image-tags">
            {tags.length === 0 ? <li className="text-slate-500">No tags (dangling).</li> : null}
            {tags.map((t) => (
              <li key={t} className="flex items-center gap-2">
                <span className="font-mono">{t}</span>
                <span className="ml-auto flex gap-1">
                  {canPush ? (
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      onClick={() => setPushing(t)}
                    >
                      Push
                    </Button>
                  ) : null}
                  {canRemove ? (
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      onClick={() => void remove(t, false)}
                    >
                      Untag
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          {canTag ? (
            <form
              className="mt-4 grid grid-cols-[1fr_8rem_auto] items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void addTag();
              }}
            >
              <Field
                id="tag-repository"
                label="Repository"
                placeholder="registry.example.com:5000/team/app"
                value={repository}
                onChange={(e) => setRepository(e.target.value)}
              />
              <Field
                id="tag-tag"
                label="Tag"
                value={tag}
                onChange={(e) => setTag(e.target.value)}
              />
              <Button type="submit" disabled={!repository.trim()}>
                Add tag
              </Button>
              {tagError ? <p className="col-span-3 text-sm text-red-700">{tagError}</p> : null}
            </form>
          ) : null}
        </Card>
      </div>

      <Card title="Layer history">
        <LayerHistory layers={detail.layers} />
      </Card>

      {Object.keys(config.Labels ?? {}).length > 0 ? (
        <Card title="Labels">
          <dl>
            {Object.entries(config.Labels ?? {}).map(([k, v]) => (
              <Row key={k} label={k}>
                {v}
              </Row>
            ))}
          </dl>
        </Card>
      ) : null}

      <Card title="Inspect">
        <JsonTree value={detail.inspect} />
      </Card>

      {pushing ? (
        <TransferDialog
          mode="push"
          hosts={[{ id: hostId, name: hostName, role: detail.role, online: true }]}
          registries={registries}
          initialHostId={hostId}
          initialImage={pushing}
          onClose={() => setPushing(null)}
          onDone={() => router.refresh()}
        />
      ) : null}
    </div>
  );
}
