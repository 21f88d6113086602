"use client";

import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { Button } from "@/components/ui/button";
import { emptyPool, type FieldErrors, type PoolRow } from "./network-form-model";

const COLUMNS = "grid-cols-[1.3fr_1fr_1.3fr_5rem]";

/** IPAM pools: subnet, gateway and IP range, one row each; none lets the engine choose. */
export function IpamRows({
  pools,
  errors,
  onChange,
}: {
  pools: PoolRow[];
  errors: FieldErrors;
  onChange: (pools: PoolRow[]) => void;
}) {
  const update = (i: number, patch: Partial<PoolRow>) =>
    onChange(pools.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Card title="Addresses (IPAM)">
      <div className="space-y-2" data-section="ipam">
        <p className="text-xs text-slate-500">
          Without a subnet the engine picks a free one (bridge only; macvlan and ipvlan need the
          LAN&apos;s subnet and gateway). Add an IPv6 subnet to give containers IPv6 addresses.
        </p>
        {errors.ipam ? (
          <p id="ipam" className="text-sm text-red-700">
            {errors.ipam}
          </p>
        ) : null}
        {pools.length > 0 ? (
          <div className={`grid ${COLUMNS} gap-2 text-xs font-medium text-slate-500`}>
            <span>Subnet</span>
            <span>Gateway (optional)</span>
            <span>IP range for containers (optional)</span>
            <span />
          </div>
        ) : null}
        {pools.map((pool, i) => (
          <div key={pool.key} className={`grid ${COLUMNS} items-start gap-2`}>
            <RowInput
              id={`ipam-${i}-subnet`}
              label={`Subnet ${i + 1}`}
              placeholder="10.20.0.0/24"
              value={pool.subnet}
              error={errors[`ipam-${i}-subnet`]}
              onChange={(e) => update(i, { subnet: e.target.value })}
            />
            <RowInput
              id={`ipam-${i}-gateway`}
              label={`Gateway ${i + 1}`}
              placeholder="10.20.0.1"
              value={pool.gateway}
              error={errors[`ipam-${i}-gateway`]}
              onChange={(e) => update(i, { gateway: e.target.value })}
            />
            <RowInput
              id={`ipam-${i}-ipRange`}
              label={`IP range ${i + 1}`}
              placeholder="10.20.0.128/25"
              value={pool.ipRange}
              error={errors[`ipam-${i}-ipRange`]}
              onChange={(e) => update(i, { ipRange: e.target.value })}
            />
            <Button
              type="button"
              variant="secondary"
              className="px-2 py-1.5 text-xs"
              onClick={() => onChange(pools.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          className="px-2 py-1 text-xs"
          onClick={() => onChange([...pools, emptyPool()])}
        >
          Add subnet
        </Button>
      </div>
    </Card>
  );
}
