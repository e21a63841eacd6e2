import Link from "next/link";
import { ReasonCategoryBadge } from "@/components/advisory/reason-category-badge";
import { Card } from "@/components/ui/card";
import { bulletinId } from "@/lib/ids";
import { ANNOUNCEMENT_VERDICT_LABELS } from "@/lib/posts/vocabulary";
import type { AdvisoryAnnouncement } from "@/lib/queries/announcements";
import { plainMarkdown } from "@/lib/text/plain-markdown";
import { textLink } from "@/components/ui/text-link";


/** What the Qubes news post about an XSA says: its verdict, the reason verbatim, its category, the link. */
export function AnnouncementCard({ announcement, trackerVerdict }: { announcement: AdvisoryAnnouncement | null; trackerVerdict: string }) {
  if (!announcement) {
    return (
      <Card title="What the Qubes news says" id="announcement">
        <p className="text-sm">
          No Qubes news post names this advisory.
          {trackerVerdict === "no" && " The tracker's “not affected” comes without a published reason (the news gives reasons since late 2020)."}
        </p>
      </Card>
    );
  }
  const a = announcement;
  const others = a.mentions.filter((m) => m.announcement.url !== a.announcement.url);
  return (
    <Card title="What the Qubes news says" id="announcement">
      <div className="space-y-3 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{ANNOUNCEMENT_VERDICT_LABELS[a.verdict]}</span>
          {a.category && <ReasonCategoryBadge category={a.category} feature={a.feature} />}
        </p>
        {a.verdict === "not-affected" &&
          (a.reason ? (
            <blockquote className="whitespace-pre-line border-l-2 border-zinc-300 pl-3 dark:border-zinc-700" data-testid="reason">
              {plainMarkdown(a.reason)}
            </blockquote>
          ) : (
            <p className="text-zinc-600 dark:text-zinc-400">The post states the verdict without a reason.</p>
          ))}
        {a.qsb !== null && (
          <p>
            The post points to <Link className={`${textLink} font-mono`} href={`/qsb/${a.qsb}`}>{bulletinId(a.qsb)}</Link>.
          </p>
        )}
        <p>
          Announcement:{" "}
          {a.announcement.url ? <a className={textLink} href={a.announcement.url}>{a.announcement.title ?? a.announcement.url}</a> : (a.announcement.title ?? "untitled post")}
          {a.announcement.date && (
            <>
              {" "}
              (<time dateTime={a.announcement.date}>{a.announcement.date}</time>)
            </>
          )}
        </p>
        {others.length > 0 && (
          <div>
            <p className="text-zinc-600 dark:text-zinc-400">Also named in:</p>
            <ul className="list-disc pl-5">
              {others.map((m, i) => (
                <li key={i}>
                  {m.announcement.url ? <a className={textLink} href={m.announcement.url}>{m.announcement.title ?? m.announcement.url}</a> : m.announcement.title}
                  {m.announcement.date && ` (${m.announcement.date})`}: {ANNOUNCEMENT_VERDICT_LABELS[m.verdict].toLowerCase()}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}
