"use client";

import { Card } from "@/components/ui/card";
import { Checkbox, SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import type { RunForm } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

/** Restart policy, how the process runs and stops, and how the image is pulled. */
export function RuntimeSection({ state, editing }: { state: RunFormState; editing: boolean }) {
  const { form, err, set } = state;
  return (
    <Card title="Runtime">
      <div className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="restartPolicy"
            label="Restart policy"
            value={form.restartPolicy}
            error={err("restartPolicy")}
            onChange={(e) => set("restartPolicy", e.target.value as RunForm["restartPolicy"])}
          >
            <option value="no">no</option>
            <option value="always">always</option>
            <option value="unless-stopped">unless-stopped</option>
            <option value="on-failure">on-failure</option>
          </SelectField>
          {form.restartPolicy === "on-failure" ? (
            <Field
              id="restartPolicy-maxRetries"
              label="Max retries (optional)"
              inputMode="numeric"
              value={form.maxRetries}
              error={err("restartPolicy-maxRetries")}
              onChange={(e) => set("maxRetries", e.target.value)}
            />
          ) : null}
          <SelectField
            id="init"
            label="Init process (--init)"
            value={form.init}
            error={err("init")}
            onChange={(e) => set("init", e.target.value as RunForm["init"])}
          >
            <option value="default">As the engine sets it</option>
            <option value="on">On: reaps zombies, forwards signals</option>
            <option value="off">Off</option>
          </SelectField>
          <Field
            id="stopSignal"
            label="Stop signal (optional)"
            placeholder="SIGTERM"
            value={form.stopSignal}
            error={err("stopSignal")}
            onChange={(e) => set("stopSignal", e.target.value)}
          />
          <Field
            id="stopTimeoutSeconds"
            label="Stop timeout, seconds (optional)"
            inputMode="numeric"
            placeholder="10"
            value={form.stopTimeout}
            error={err("stopTimeoutSeconds")}
            onChange={(e) => set("stopTimeout", e.target.value)}
          />
        </div>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Checkbox
            id="interactive"
            label="Keep STDIN open (-i)"
            checked={form.interactive}
            onChange={(e) => set("interactive", e.target.checked)}
          />
          <Checkbox
            id="tty"
            label="Allocate a pseudo-TTY (-t)"
            checked={form.tty}
            onChange={(e) => set("tty", e.target.checked)}
          />
        </div>
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="pullPolicy"
            label="Pull the image (--pull)"
            value={form.pullPolicy}
            error={err("pullPolicy")}
            onChange={(e) => set("pullPolicy", e.target.value as RunForm["pullPolicy"])}
          >
            <option value="missing">When missing on the host</option>
            <option value="always">Always, before creating</option>
            <option value="never">Never: use the host’s copy</option>
          </SelectField>
          <Field
            id="platform"
            label="Platform (optional)"
            placeholder="linux/arm64"
            value={form.platform}
            error={err("platform")}
            onChange={(e) => set("platform", e.target.value)}
          />
          {editing || form.repullOnRecreate ? (
            <div className="md:pt-7">
              <Checkbox
                id="repullOnRecreate"
                label="Pull the image again before recreating"
                hint="Picks up a newer image under the same tag."
                checked={form.repullOnRecreate}
                error={err("repullOnRecreate")}
                onChange={(e) => set("repullOnRecreate", e.target.checked)}
              />
            </div>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
