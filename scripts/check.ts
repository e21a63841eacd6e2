// `npm run check -- [--release 4.2] [--json] < rpm-qa.txt`: the release
// check for a terminal or a script, the same answer as the page and
// POST /api/check (lib/queries/check.ts). Exit code 0 when nothing is
// missing, 1 when something is, 2 on bad input (or an answer that cannot
// be given).
import { parseArgs } from "node:util";
import { getDb } from "@/lib/db";
import { runCheck, tooLarge } from "@/lib/queries/check";
import type { CheckAnswer } from "@/lib/rpm/answer";
import { plural } from "@/lib/text/plural";
import { MAX_INPUT_CHARS } from "@/lib/rpm/installed";
import { bulletinId } from "@/lib/ids";
import { releaseLabel } from "@/lib/vocabulary/release";

const USAGE = `Usage: npm run check -- [--release <4.2>] [--json] < package-list.txt

Reads a dom0 package list (rpm -qa, dnf list --installed) on standard input
and says which security fixes are missing. --release is optional when the list
shows its release (qubes-release, .fcNN dist tags).
Exit code: 0 nothing missing, 1 something missing, 2 bad input.`;

async function readStdin(): Promise<{ text: string; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_INPUT_CHARS * 4) break; // far over the limit: stop reading
    chunks.push(b);
  }
  return { text: Buffer.concat(chunks).toString("utf8"), size };
}

function printAnswer(a: CheckAnswer): void {
  const out: string[] = [];
  out.push(a.headline);
  out.push(
    `${plural(a.packagesRead, "package", "packages")} read, ${plural(a.unparsed.length, "line", "lines")} not readable; compared with ${releaseLabel(a.release)}` +
      (a.detectedRelease ? ` (the list shows ${releaseLabel(a.detectedRelease)})` : " (the list does not show its release)") +
      `. Support: ${a.support.sentence}`,
  );
  for (const w of a.warnings) out.push(`warning: ${w}`);
  if (a.plan.length > 0) {
    out.push("", "What to update:");
    for (const p of a.plan) out.push(`  ${p.package} ${p.installed} -> ${p.fixedIn} or newer (${p.bulletins.map(bulletinId).join(", ")})`);
  }
  if (a.actions.length > 0) {
    out.push("", "Steps:");
    a.actions.forEach((s, i) => out.push(`  ${i + 1}. ${s}`));
  }
  if (a.missing.length > 0) {
    out.push("", "Missing:");
    for (const m of a.missing) out.push(`  ${m.explanation}`);
  }
  if (a.templates.length > 0) out.push("", `${plural(a.templates.length, "fix is", "fixes are")} for templates: check inside them (see Steps).`);
  out.push("", `${plural(a.satisfied.length, "fix", "fixes")} installed, ${plural(a.notInstalled.length, "fix", "fixes")} for packages not in the list.`);
  for (const u of a.unparsed.slice(0, 10)) out.push(`unparsed line ${u.line}: ${u.text}`);
  console.log(out.join("\n"));
}

export async function main(argv: string[]): Promise<number> {
  let values: { release?: string; json: boolean; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { release: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`check: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { text, size } = await readStdin();
  const outcome = size > MAX_INPUT_CHARS * 4 ? { ok: false as const, error: tooLarge(size) } : await runCheck({ text, release: values.release ?? null });
  if (!outcome.ok) {
    if (values.json) console.log(JSON.stringify({ error: { code: outcome.error.status === 413 ? "payload_too_large" : outcome.error.status === 503 ? "unavailable" : "bad_request", message: outcome.error.message, reason: outcome.error.code } }, null, 2));
    else console.error(`check: ${outcome.error.message}`);
    return 2;
  }
  if (values.json) console.log(JSON.stringify(outcome.answer, null, 2));
  else printAnswer(outcome.answer);
  return outcome.answer.missing.length > 0 ? 1 : 0;
}

void main(process.argv.slice(2)).then(async (code) => {
  await getDb().$disconnect();
  process.exitCode = code;
});
