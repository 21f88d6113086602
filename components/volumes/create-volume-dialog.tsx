"use client";

import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { HostOptions } from "@/components/ui/host-options";
import { parsePairs, type HostOption } from "./api";

type Errors = Partial<Record<"name" | "driver" | "driverOpts" | "labels" | "form", string>>;

/** Where the server's error belongs: `driverOpts.device` shows under the options. */
function fieldOf(field: string | undefined): keyof Errors {
  const head = field?.split(".")[0];
  return head === "name" || head === "driver" || head === "driverOpts" || head === "labels"
    ? head
    : "form";
}

/** `docker volume create`: name, driver, driver options and labels, on one host. */
export function CreateVolumeDialog({
  hosts,
  initialHostId,
  onClose,
  onCreated,
}: {
  hosts: HostOption[];
  initialHostId?: string;
  onClose: () => void;
  onCreated: (message: string) => void;
}) {
  const [hostId, setHostId] = useState(
    hosts.find((h) => h.id === initialHostId)?.id ?? hosts.find((h) => h.online)?.id ?? "",
  );
  const [name, setName] = useState("");
  const [driver, setDriver] = useState("local");
  const [options, setOptions] = useState("");
  const [labels, setLabels] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function create() {
    const opts = parsePairs(options);
    const labs = parsePairs(labels);
    if (opts.bad || labs.bad) {
      setErrors({
        ...(opts.bad ? { driverOpts: `Write each option as name=value ("${opts.bad}").` } : {}),
        ...(labs.bad ? { labels: `Write each label as name=value ("${labs.bad}").` } : {}),
      });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const res = await postJson<{ name: string }>(
        `/api/hosts/${encodeURIComponent(hostId)}/volumes`,
        {
          ...(name.trim() ? { name: name.trim() } : {}),
          driver,
          driverOpts: opts.pairs,
          labels: labs.pairs,
        },
      );
      onCreated(
        `Created the volume ${res.name} on ${hosts.find((h) => h.id === hostId)?.name ?? "the host"}.`,
      );
    } catch (err) {
      const key = err instanceof ApiError ? fieldOf(err.field) : "form";
      setErrors({ [key]: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Create a volume" onClose={onClose} busy={busy} testId="create-volume-dialog">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <SelectField
          id="volume-host"
          label="Host"
          value={hostId}
          onChange={(e) => setHostId(e.target.value)}
        >
          <HostOptions hosts={hosts} disableOffline />
        </SelectField>
        <Field
          id="volume-name"
          label="Name (empty: the engine picks one)"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setErrors(({ name: _, ...rest }) => rest);
          }}
          error={errors.name}
        />
        <Field
          id="volume-driver"
          label="Driver"
          value={driver}
          onChange={(e) => {
            setDriver(e.target.value);
            setErrors(({ driver: _, ...rest }) => rest);
          }}
          error={errors.driver}
        />
        <TextAreaField
          id="volume-options"
          label="Driver options"
          hint={
            <>
              One name=value a line, e.g. type=tmpfs, device=tmpfs, o=size=100m. A local volume with
              device=/host/path is a bind of that host path and must pass the host&apos;s security
              policy.
            </>
          }
          rows={3}
          value={options}
          onChange={(e) => {
            setOptions(e.target.value);
            setErrors(({ driverOpts: _, ...rest }) => rest);
          }}
          error={errors.driverOpts}
        />
        <TextAreaField
          id="volume-labels"
          label="Labels"
          hint="One name=value a line."
          rows={2}
          value={labels}
          onChange={(e) => {
            setLabels(e.target.value);
            setErrors(({ labels: _, ...rest }) => rest);
          }}
          error={errors.labels}
        />
        {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || !hostId}>
            {busy ? "Creating…" : "Create"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
