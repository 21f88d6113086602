import { Card } from "@/components/ui/card";
import { arr, obj, str, type Json } from "../inspect-values";
import { Table } from "../table";

export function MountsTab({ inspect }: { inspect: Json }) {
  const mounts = arr(inspect.Mounts).map(obj);
  return (
    <Card title="Mounts">
      <Table
        head={["Type", "Source", "Destination", "Mode"]}
        rows={mounts.map((m) => [
          str(m.Type),
          <span key="s" className="font-mono text-xs">
            {str(m.Name) || str(m.Source)}
          </span>,
          <span key="d" className="font-mono text-xs">
            {str(m.Destination)}
          </span>,
          m.RW === false ? "read-only" : "read-write",
        ])}
        empty="No mounts."
        testId="mounts-table"
      />
    </Card>
  );
}
