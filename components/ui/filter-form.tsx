import Link from "next/link";
import { textLink } from "@/components/ui/text-link";

export interface FilterField {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}

/** A GET form of selects: works without JavaScript, and the filters stay in the URL. */
export function FilterForm({ action, fields }: { action: string; fields: FilterField[] }) {
  const active = fields.some((f) => f.value);
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      {fields.map((f) => (
        <div key={f.name} className="flex flex-col">
          <label htmlFor={`filter-${f.name}`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {f.label}
          </label>
          <select
            id={`filter-${f.name}`}
            name={f.name}
            defaultValue={f.value ?? ""}
            className="mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            <option value="">Any</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300">
        Filter
      </button>
      {active && (
        <Link href={action} className={`py-1.5 text-sm ${textLink}`}>
          Clear
        </Link>
      )}
    </form>
  );
}
