"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { SILENCE_CHOICES } from "./alert-words";

/** "Silence for…" a chosen while, with an optional reason. */
export function SilencePicker({
  busy,
  onSilence,
}: {
  busy: boolean;
  onSilence: (minutes: number, reason: string) => void;
}) {
  const id = useId();
  const [minutes, setMinutes] = useState<number>(SILENCE_CHOICES[0].minutes);
  const [reason, setReason] = useState("");
  return (
    <fieldset className="space-y-2" data-testid="silence-picker">
      <legend className="text-sm font-medium text-slate-700">Silence for…</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        {SILENCE_CHOICES.map((choice) => (
          <label key={choice.minutes} className="flex items-center gap-1">
            <input
              type="radio"
              name={`${id}-minutes`}
              checked={minutes === choice.minutes}
              onChange={() => setMinutes(choice.minutes)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <label htmlFor={`${id}-reason`} className="block text-sm text-slate-700">
        Reason (optional)
      </label>
      <input
        id={`${id}-reason`}
        className={`${INPUT_CLASS} border-slate-300`}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={() => onSilence(minutes, reason)}
      >
        Silence
      </Button>
    </fieldset>
  );
}
