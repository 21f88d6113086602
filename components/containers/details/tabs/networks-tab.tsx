import { Card } from "@/components/ui/card";
import { arr, obj, str, type Json } from "../inspect-values";
import { Table } from "../table";

export function NetworksTab({ inspect }: { inspect: Json }) {
  const settings = obj(inspect.NetworkSettings);
  const networks = Object.entries(obj(settings.Networks)).map(
    ([name, v]) => [name, obj(v)] as const,
  );
  return (
    <Card title={`Networks (mode: ${str(obj(inspect.HostConfig).NetworkMode) || "default"})`}>
      <Table
        head={["Network", "IP address", "Gateway", "MAC", "Aliases"]}
        rows={networks.map(([name, n]) => [
          <span key="n" className="font-medium">
            {name}
          </span>,
          <span key="ip" className="font-mono text-xs">
            {[str(n.IPAddress), str(n.GlobalIPv6Address)].filter(Boolean).join(", ") || "—"}
          </span>,
          <span key="g" className="font-mono text-xs">
            {str(n.Gateway) || "—"}
          </span>,
          <span key="m" className="font-mono text-xs">
            {str(n.MacAddress) || "—"}
          </span>,
          arr(n.Aliases).map(str).join(", ") || "—",
        ])}
        empty="Not attached to any network."
        testId="networks-table"
      />
    </Card>
  );
}
