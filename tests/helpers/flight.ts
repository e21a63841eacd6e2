// Reading a Next.js page's inline RSC payload (the self.__next_f.push
// scripts) back into the React tree it describes, for comparing two pages:
// rows are joined by their references ("$L1a", "$@11", "$Qb", "$5"), text
// rows ("1a:T<hex length>,…") inlined, so that two payloads that number or
// order their rows differently, or put a string in a row of its own or
// inline, compare equal when they describe the same tree.
const FLIGHT_SCRIPT = /<script>self\.__next_f\.push\((\[[13],"(?:[^"\\]|\\.)*"\])\)<\/script>/g;
const REFERENCE = /^\$([L@QW]?)([0-9a-f]+)$/;

/** The HTML without the payload's scripts, and the payload's decoded text. */
export function separatePayload(html: string): { visible: string; payload: string } {
  const bytes: Buffer[] = [];
  for (const match of html.matchAll(FLIGHT_SCRIPT)) {
    const [kind, data] = JSON.parse(match[1] ?? "[]") as [number, string];
    bytes.push(kind === 1 ? Buffer.from(data, "utf8") : Buffer.from(data, "base64"));
  }
  return { visible: html.replace(FLIGHT_SCRIPT, ""), payload: Buffer.concat(bytes).toString("utf8") };
}

/** The payload's rows by id: text rows as { text }, others parsed (module rows as ["I", …]). */
function rows(payload: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const bytes = Buffer.from(payload, "utf8");
  let i = 0;
  while (i < bytes.length) {
    const colon = bytes.indexOf(":", i);
    const id = bytes.subarray(i, colon).toString();
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(",", colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString(), 16);
      out.set(id, { text: bytes.subarray(comma + 1, comma + 1 + length).toString("utf8") });
      i = comma + 1 + length;
      continue;
    }
    const end = bytes.indexOf("\n", colon);
    const row = bytes.subarray(colon + 1, end).toString("utf8");
    if (row.startsWith("I")) out.set(id, ["I", ...(JSON.parse(row.slice(1)) as unknown[])]);
    else if (/^[[{"\dntf-]/.test(row)) out.set(id, JSON.parse(row) as unknown);
    else out.set(id, row);
    i = end + 1;
  }
  return out;
}

/** The tree row 0 describes, every reference replaced by what it refers to. */
export function payloadTree(payload: string): unknown {
  const byId = rows(payload);
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > 500) throw new Error("the payload's references nest too deep (a cycle?)");
    if (typeof value === "string") {
      const ref = REFERENCE.exec(value);
      if (ref && byId.has(ref[2] ?? "")) {
        const target = byId.get(ref[2] ?? "");
        return target && typeof target === "object" && "text" in target ? (target as { text: string }).text : resolve(target, depth + 1);
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, depth + 1)]));
    return value;
  };
  return resolve(byId.get("0"), 0);
}
