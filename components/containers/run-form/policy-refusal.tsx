import Link from "next/link";
import { fieldLabel, type PlacedViolation } from "./server-error-field";
import { focusField } from "./use-run-form-state";

/**
 * Above the form after the host's security policy refused it: every refused setting with its
 * rule, each a jump to its input (where the full reason stands), and where the policy lives.
 */
export function PolicyRefusal({
  violations,
  host,
  canEditPolicy,
}: {
  violations: readonly PlacedViolation[];
  host: { id: string; name: string };
  canEditPolicy: boolean;
}) {
  const n = violations.length;
  return (
    <div
      className="space-y-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
      data-testid="policy-refusal"
      role="alert"
    >
      <p className="font-medium">
        The host’s security policy refuses {n} {n === 1 ? "setting" : "settings"}. Nothing was
        created; the form still holds everything.
      </p>
      <ul className="list-disc space-y-0.5 pl-5">
        {violations.map((v, i) => (
          <li key={i} data-testid="policy-refusal-item" data-rule={v.rule}>
            {v.inputId ? (
              <button
                type="button"
                className="font-medium underline decoration-red-300 hover:decoration-red-700"
                onClick={() => focusField(v.inputId!)}
              >
                {fieldLabel(v.inputId)}
              </button>
            ) : (
              <span className="font-medium">{v.field}</span>
            )}{" "}
            — <span className="font-mono text-xs">{v.rule}</span>
            {v.inputId ? null : <span className="block text-xs">{v.message}</span>}
          </li>
        ))}
      </ul>
      <p className="text-xs">
        {canEditPolicy ? (
          <>
            You are a host admin of {host.name}:{" "}
            <Link
              href={`/hosts/${encodeURIComponent(host.id)}#security-policy`}
              className="font-medium text-sky-800 underline"
              data-testid="policy-refusal-link"
            >
              change the host’s security policy
            </Link>{" "}
            to allow them.
          </>
        ) : (
          <>
            Change the settings, or ask a host admin of {host.name} to allow them in{" "}
            <Link
              href={`/hosts/${encodeURIComponent(host.id)}#security-policy`}
              className="font-medium text-sky-800 underline"
              data-testid="policy-refusal-link"
            >
              the host’s security policy
            </Link>
            .
          </>
        )}
      </p>
    </div>
  );
}
