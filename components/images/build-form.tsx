"use client";

import { HostOptions } from "@/components/ui/host-options";
import Link from "next/link";
import { useRef, useState } from "react";
import { contextTar, tarParts, type TarEntry } from "@/lib/images/tar";
import type { BuildOptionsInput, ImageBuildResult } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { formatBytes } from "@/components/ui/format";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { newCallId } from "@/components/ui/call-id";
import { imageHref, imagesApi, shortId, type HostOption } from "./api";
import { BuildLog } from "./build-log";
import { useBuildOutput } from "./use-build-output";

type Source = "editor" | "folder" | "tar";

const SAMPLE = `FROM busybox:latest
RUN echo "hello from Berth" > /hello.txt
CMD ["cat", "/hello.txt"]
`;

/** "KEY=value" lines → record; a line without "=" is an error for that field. */
function parsePairs(text: string, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw Object.assign(new Error(`Write each as NAME=value: "${line}"`), { field });
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

/**
 * The context of a folder upload as a tar, .dockerignore first (the agent applies it as the tar
 * streams past), the Dockerfile next (the server reads its FROM lines before the build starts).
 * Paths are relative to the folder.
 */
function folderTar(files: FileList, dockerfile: string): Blob {
  const entries: TarEntry[] = [];
  for (const file of Array.from(files)) {
    const relative = file.webkitRelativePath.split("/").slice(1).join("/") || file.name;
    entries.push({
      path: relative,
      data: file,
      mtime: file.lastModified,
    });
  }
  const rank = (path: string) => (path === ".dockerignore" ? 0 : path === dockerfile ? 1 : 2);
  entries.sort((a, b) => rank(a.path) - rank(b.path));
  return new Blob(tarParts(entries) as BlobPart[]);
}

/** `docker build` on a host from a typed Dockerfile, a folder or a tar, with live output. */
export function BuildForm({ hosts }: { hosts: HostOption[] }) {
  const [hostId, setHostId] = useState(hosts.find((h) => h.online)?.id ?? "");
  const [source, setSource] = useState<Source>("editor");
  const [dockerfileText, setDockerfileText] = useState(SAMPLE);
  const [tags, setTags] = useState("");
  const [dockerfile, setDockerfile] = useState("Dockerfile");
  const [target, setTarget] = useState("");
  const [buildArgs, setBuildArgs] = useState("");
  const [labels, setLabels] = useState("");
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [callId, setCallId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ImageBuildResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const folder = useRef<HTMLInputElement>(null);
  const tarFile = useRef<HTMLInputElement>(null);
  const output = useBuildOutput(callId);

  async function context(): Promise<Blob> {
    if (source === "editor") {
      return new Blob(
        tarParts([
          { path: "Dockerfile", data: new TextEncoder().encode(dockerfileText) },
        ]) as BlobPart[],
      );
    }
    if (source === "folder") {
      const files = folder.current?.files;
      if (!files || files.length === 0) {
        throw Object.assign(new Error("Choose a folder."), { field: "context" });
      }
      return folderTar(files, dockerfile.replace(/^(\.\/)+/, ""));
    }
    const file = tarFile.current?.files?.[0];
    if (!file) throw Object.assign(new Error("Choose a tar file."), { field: "context" });
    return contextTar(file, dockerfile);
  }

  async function build() {
    setError(null);
    setFieldErrors({});
    setResult(null);
    let body: Blob;
    let options: BuildOptionsInput;
    try {
      options = {
        tags: tags.split(/[\s,]+/).filter(Boolean),
        dockerfile: source === "editor" ? "Dockerfile" : dockerfile,
        buildArgs: parsePairs(buildArgs, "buildArgs"),
        labels: parsePairs(labels, "labels"),
        noCache,
        pull,
        ...(target.trim() ? { target: target.trim() } : {}),
      };
      body = await context();
    } catch (err) {
      const field = (err as { field?: string }).field;
      if (field) setFieldErrors({ [field]: errorText(err) });
      else setError(errorText(err));
      return;
    }
    const id = newCallId();
    setCallId(id);
    setRunning(true);
    try {
      const query = new URLSearchParams({ options: JSON.stringify(options), callId: id });
      setResult(
        await api<ImageBuildResult>(`${imagesApi(hostId, "build")}?${query}`, {
          method: "POST",
          headers: { "content-type": "application/x-tar" },
          body,
        }),
      );
    } catch (err) {
      const field = (err as { field?: string }).field;
      if (field === "tags" || field === "target") setFieldErrors({ [field]: errorText(err) });
      else setError(errorText(err));
    } finally {
      setRunning(false);
    }
  }

  async function cancel() {
    if (callId) await postJson(imagesApi(hostId, "cancel"), { callId }).catch(() => undefined);
  }

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Build an image</h1>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card title="Context">
          <div className="space-y-3">
            <div className="flex gap-2" role="tablist">
              {(
                [
                  ["editor", "Dockerfile editor"],
                  ["folder", "Folder upload"],
                  ["tar", "Tar file"],
                ] as const
              ).map(([value, label]) => (
                <button
                  key={value}
                  role="tab"
                  aria-selected={source === value}
                  className={`rounded-md px-3 py-1.5 text-sm ${source === value ? "bg-sky-700 text-white" : "bg-slate-100 text-slate-700"}`}
                  onClick={() => setSource(value)}
                  type="button"
                >
                  {label}
                </button>
              ))}
            </div>
            {source === "editor" ? (
              <TextAreaField
                id="build-dockerfile"
                label="Dockerfile"
                rows={14}
                spellCheck={false}
                value={dockerfileText}
                onChange={(e) => setDockerfileText(e.target.value)}
              />
            ) : null}
            {source === "folder" ? (
              <div className="space-y-1">
                <label htmlFor="build-folder" className="block text-sm font-medium text-slate-700">
                  Folder (its .dockerignore is honoured)
                </label>
                <input
                  id="build-folder"
                  ref={folder}
                  type="file"
                  className="text-sm"
                  {...({ webkitdirectory: "", directory: "" } as Record<string, string>)}
                  multiple
                />
              </div>
            ) : null}
            {source === "tar" ? (
              <div className="space-y-1">
                <label htmlFor="build-tar" className="block text-sm font-medium text-slate-700">
                  Context tar (.tar or .tar.gz; its .dockerignore is honoured)
                </label>
                <input
                  id="build-tar"
                  ref={tarFile}
                  type="file"
                  accept=".tar,.tgz,.gz"
                  className="text-sm"
                />
              </div>
            ) : null}
            {fieldErrors.context ? (
              <p className="text-sm text-red-700">{fieldErrors.context}</p>
            ) : null}
          </div>
        </Card>
        <Card title="Options">
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              void build();
            }}
          >
            <SelectField
              id="build-host"
              label="Host"
              value={hostId}
              onChange={(e) => setHostId(e.target.value)}
            >
              <HostOptions hosts={hosts} disableOffline />
            </SelectField>
            <Field
              id="build-tags"
              label="Tags (space or comma separated)"
              placeholder="team/app:1.0 team/app:latest"
              value={tags}
              onChange={(e) => setTags(e.target.value)}
              error={fieldErrors.tags}
            />
            {source !== "editor" ? (
              <Field
                id="build-dockerfile-path"
                label="Dockerfile path in the context"
                value={dockerfile}
                onChange={(e) => setDockerfile(e.target.value)}
              />
            ) : null}
            <Field
              id="build-target"
              label="Target stage"
              placeholder="(the last stage)"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              error={fieldErrors.target}
            />
            <TextAreaField
              id="build-args"
              label="Build arguments (NAME=value, one a line)"
              rows={2}
              value={buildArgs}
              onChange={(e) => setBuildArgs(e.target.value)}
              error={fieldErrors.buildArgs}
            />
            <TextAreaField
              id="build-labels"
              label="Labels (name=value, one a line)"
              rows={2}
              value={labels}
              onChange={(e) => setLabels(e.target.value)}
              error={fieldErrors.labels}
            />
            <div className="flex gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={noCache}
                  onChange={(e) => setNoCache(e.target.checked)}
                />
                No cache
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} />
                Always pull base images
              </label>
            </div>
            <div className="flex gap-2">
              <Button type="submit" disabled={running || !hostId}>
                {running ? "Building…" : "Build"}
              </Button>
              {running ? (
                <Button type="button" variant="danger" onClick={() => void cancel()}>
                  Cancel build
                </Button>
              ) : null}
            </div>
          </form>
        </Card>
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {result ? (
        <div
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
          data-testid="build-result"
        >
          Built{" "}
          <Link href={imageHref(hostId, result.imageId)} className="font-mono underline">
            {shortId(result.imageId)}
          </Link>
          {result.tags.length ? ` (${result.tags.join(", ")})` : ""}: {formatBytes(result.size)},{" "}
          {result.layers} layers, {result.steps} steps of which {result.cachedSteps} from the cache.
        </div>
      ) : null}
      {callId ? (
        <Card title="Build output">
          <BuildLog text={output} />
        </Card>
      ) : null}
    </div>
  );
}
