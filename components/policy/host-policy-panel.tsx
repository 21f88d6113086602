import Link from "next/link";
import type { HostPolicyView } from "@/lib/services/policy/policy-view";
import { PolicyForm } from "./policy-form";
import { PolicySummary } from "./policy-summary";

/**
 * A host's security policy: which policies apply (the host's own and its groups'), what they add
 * up to for everyone below host admin, and the host's own policy to read or edit.
 */
export function HostPolicyPanel({ view }: { view: HostPolicyView }) {
  return (
    <div className="space-y-5" data-testid="host-policy">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">Policies that apply here</h3>
          <ul className="space-y-1 text-sm text-slate-700" data-testid="policy-sources">
            <li>This host: {view.own ? "its own policy (below)" : "no policy of its own"}</li>
            {view.groups.map((g) => (
              <li key={g.id}>
                Host group{" "}
                <Link href={`/groups/${g.id}/policy`} className="text-sky-700 hover:underline">
                  {g.name}
                </Link>
                : {g.policy ? "has a policy" : "no policy"}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            A container must pass every policy here at once. With none at all, the strict default
            applies.
          </p>
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">
            Effective for deployers and operators
            {view.usesDefault ? " (strict default)" : ""}
          </h3>
          <PolicySummary policy={view.effective} testId="policy-effective" />
          <p className="text-xs text-slate-500">
            Host admins are bound only by the protected paths. Opening a terminal in or exporting a
            container that goes beyond this needs a role that could have created it.
          </p>
        </div>
      </div>
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-sm font-semibold text-slate-700">This host&apos;s own policy</h3>
        <PolicyForm
          endpoint={`/api/hosts/${view.hostId}/policy`}
          policy={view.own}
          canEdit={view.canEdit}
          scope="host"
        />
      </div>
    </div>
  );
}
