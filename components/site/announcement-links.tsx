import type { PostAnnouncement } from "@/lib/queries/announcements";
import { textLink } from "@/components/ui/text-link";


/** The Qubes news announcements of a bulletin or canary, with their dates (or a plain "none"). */
export function AnnouncementLinks({ announcements, what }: { announcements: PostAnnouncement[]; what: string }) {
  if (announcements.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">No news announcement of this {what}</span>;
  return (
    <span data-testid="announcements">
      {announcements.map((a, i) => (
        <span key={a.fileName}>
          {i > 0 && " · "}
          {a.url ? (
            <a className={textLink} href={a.url} title={a.title ?? undefined}>
              {a.isUpdate ? "Update" : "News announcement"}
            </a>
          ) : (
            (a.title ?? a.fileName)
          )}
          {a.date && (
            <>
              {" "}
              (<time dateTime={a.date}>{a.date}</time>)
            </>
          )}
        </span>
      ))}
    </span>
  );
}
