import { Card } from "@/components/ui/card";
import { obj, str, type Json } from "../inspect-values";
import { KeyValueTable } from "../table";

export function LabelsTab({ inspect }: { inspect: Json }) {
  return (
    <Card title="Labels">
      <KeyValueTable
        rows={Object.entries(obj(obj(inspect.Config).Labels)).map(([k, v]) => [k, str(v)])}
        empty="No labels."
        testId="labels-table"
      />
    </Card>
  );
}
