// "User action", "Impact" and "Affected systems" as the real bulletins state them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parseStatements } from "@/lib/secpack/parse/statements";
import { QSB_DIR, realData } from "../../helpers/fixtures";

const read = (file: string) => parseStatements(readFileSync(path.join(QSB_DIR, file), "utf8"));

describe("bulletin statements on the real texts", realData, () => {
  test("QSB-115: only HVM qubes, i.e. sys-net and sys-usb, are affected", () => {
    const s = read("qsb-115-2026.txt");
    assert.deepEqual(s.map((x) => x.kind), ["userAction", "impact", "affectedSystems"]);
    assert.match(s[0]?.paragraphs[0] ?? "", /^Continue to update normally/);
    assert.match(s[1]?.paragraphs[0] ?? "", /A malicious stub domain can crash the hypervisor/);
    assert.deepEqual(s[2]?.paragraphs, [
      "All supported versions of Qubes OS are affected.",
      "Only qubes running in HVM mode are affected. In the default configuration, this includes sys-net and sys-usb.",
    ]);
  });

  test("every era that has them: Impact since 2016, User action (required) since 2020", () => {
    const counts = { userAction: 0, impact: 0, affectedSystems: 0 };
    for (const file of readdirSync(QSB_DIR).filter((f) => /^qsb-\d{3}-\d{4}\.txt$/.test(f))) {
      for (const s of read(file)) {
        counts[s.kind]++;
        assert.ok(s.paragraphs.length > 0 && s.paragraphs.every((p) => p.trim() !== "" && !p.includes("\n")), `${file} ${s.kind}`);
      }
    }
    assert.deepEqual(counts, { userAction: 54, impact: 73, affectedSystems: 25 });
    assert.equal(read("qsb-054-2019.txt").find((s) => s.kind === "impact")?.heading, "Impact");
    assert.deepEqual(read("qsb-010-2014.txt"), []);
  });
});

describe("bulletin statements in synthetic texts", () => {
  test("a variant heading is read, and its own name kept", () => {
    const s = parseStatements("Impact on Qubes OS\n-------\n\nDenial of service only.\n\nPatching\n--------\n\nNone.\n");
    assert.deepEqual(s, [{ kind: "impact", heading: "Impact on Qubes OS", paragraphs: ["Denial of service only."], cut: false }]);
  });
  test("a very long section is cut at a paragraph and says so", () => {
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${"word ".repeat(20)}`).join("\n\n");
    const [s] = parseStatements(`Impact\n------\n\n${long}\n`);
    assert.ok(s?.cut);
    assert.ok((s?.paragraphs.join(" ").length ?? 0) <= 2600);
  });
});
