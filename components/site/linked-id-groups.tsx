import Link from "next/link";
import { textLink } from "@/components/ui/text-link";

export interface LinkedId {
  href: string;
  id: string;
  title?: string | null;
  note?: string;
}

/** Labelled groups of linked IDs ("Covers: XSA-306 …"); empty groups are left out. */
export function LinkedIdGroups({ groups }: { groups: { label: string; items: LinkedId[] }[] }) {
  const shown = groups.filter((g) => g.items.length > 0);
  return (
    <dl className="space-y-2 text-sm">
      {shown.map((group) => (
        <div key={group.label}>
          <dt className="font-medium">{group.label}</dt>
          <dd>
            <ul className="space-y-1">
              {group.items.map((item) => (
                <li key={item.id}>
                  <Link className={`font-mono ${textLink}`} href={item.href}>
                    {item.id}
                  </Link>
                  {item.title && <span> {item.title}</span>}
                  {item.note && <span className="text-zinc-600 dark:text-zinc-400"> ({item.note})</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}
