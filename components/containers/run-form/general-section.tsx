"use client";

import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { HostOptions } from "@/components/ui/host-options";
import type { RunHost } from "./run-form";
import type { RunFormState } from "./use-run-form-state";

/** Host, image, name and how the process starts. */
export function GeneralSection({
  state,
  hostId,
  hostChoices,
  hostLocked,
  onHostChange,
}: {
  state: RunFormState;
  hostId: string;
  hostChoices: RunHost[];
  hostLocked: boolean;
  onHostChange: (hostId: string) => void;
}) {
  const { form, err, set } = state;
  return (
    <Card title="General">
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          id="host"
          label="Host"
          value={hostId}
          disabled={hostLocked}
          error={err("host")}
          onChange={(e) => onHostChange(e.target.value)}
        >
          <HostOptions hosts={hostChoices} />
        </SelectField>
        <Field
          id="image"
          label="Image"
          placeholder="nginx:1.27-alpine"
          value={form.image}
          error={err("image")}
          onChange={(e) => set("image", e.target.value)}
          required
        />
        <Field
          id="name"
          label="Name (optional)"
          placeholder="web"
          value={form.name}
          error={err("name")}
          onChange={(e) => set("name", e.target.value)}
        />
        <Field
          id="hostname"
          label="Hostname (optional)"
          value={form.hostname}
          error={err("hostname")}
          onChange={(e) => set("hostname", e.target.value)}
        />
        <Field
          id="command"
          label="Command (optional, shell words)"
          placeholder={`nginx -g "daemon off;"`}
          value={form.command}
          error={err("command")}
          onChange={(e) => set("command", e.target.value)}
        />
        <Field
          id="entrypoint"
          label="Entrypoint (optional)"
          value={form.entrypoint}
          error={err("entrypoint")}
          onChange={(e) => set("entrypoint", e.target.value)}
        />
        <Field
          id="workingDir"
          label="Working directory (optional)"
          placeholder="/app"
          value={form.workingDir}
          error={err("workingDir")}
          onChange={(e) => set("workingDir", e.target.value)}
        />
        <Field
          id="user"
          label="User (optional)"
          placeholder="1000:1000"
          value={form.user}
          error={err("user")}
          onChange={(e) => set("user", e.target.value)}
        />
        <Field
          id="groupAdd"
          label="Extra groups for the user (optional, --group-add)"
          placeholder="audio, 1001"
          value={form.groupAdd}
          error={err("groupAdd")}
          onChange={(e) => set("groupAdd", e.target.value)}
        />
      </div>
    </Card>
  );
}
