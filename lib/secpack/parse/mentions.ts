// Finding advisory (XSA) and bulletin (QSB) numbers in running text.
//
// XSA spellings seen in the secpack: "XSA-306", "XSA 306", "XSA306",
// "XSA-299, XSA-302", "XSA 45,58", "XSA 120 & 124", "XSA 120 and 124",
// "XSA 52-54", "XSA20-32", "XSA 216-224", "XSA-226 through XSA-230",
// "Xen Security Advisory 263", "Xen Security Advisories 260 through 262",
// "Xen Security Advisory #109", and links ".../xsa/advisory-302.html".
// Placeholders such as "XSA-xxx" and "XSAs" carry no number and are skipped.

export interface XsaGroup {
  numbers: number[];
  /** Offsets in the scanned string: start of the first id, end of the last. */
  start: number;
  end: number;
  /** "url" for advisory-N.html links. */
  kind: "text" | "url";
}

const XSA_START =
  /(?<![A-Za-z0-9])(?:XSA[-\s]?#?(\d{1,4})|Xen\s+Security\s+Advisor(?:y|ies)\s+(?:XSA-?\s?)?#?(\d{1,4}))(?![\d]|\.\d)/gi;
const XSA_RANGE = /\s*(?:-|–|\s+through\s+|\s+to\s+)\s*(?:XSA[-\s]?)?(\d{1,4})(?![\d]|\.\d)/iy;
const XSA_LIST = /\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:XSA[-\s]?)?(\d{1,4})(?![\d]|\.\d|-\d)/iy;
const ADVISORY_URL = /advisory-(\d{1,4})\.html/gi;

/** Largest range expanded ("XSA 216-224"); a wider one is read as two numbers. */
const MAX_RANGE = 40;
/** Longest list read as one group ("XSA 216, 217, 218, ..."); real lists have a dozen at most. */
const MAX_LIST = 60;

export function scanXsa(text: string): XsaGroup[] {
  const groups: XsaGroup[] = [];
  XSA_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = XSA_START.exec(text)) !== null) {
    const first = Number(m[1] ?? m[2]);
    const numbers = [first];
    let end = m.index + m[0].length;
    let last = first;
    for (let steps = 0; steps < MAX_LIST; steps++) {
      XSA_RANGE.lastIndex = end;
      const r = XSA_RANGE.exec(text);
      if (r) {
        const to = Number(r[1]);
        if (to > last && to - last <= MAX_RANGE) {
          for (let x = last + 1; x <= to; x++) numbers.push(x);
        } else {
          numbers.push(to);
        }
        last = to;
        end = XSA_RANGE.lastIndex;
        continue;
      }
      XSA_LIST.lastIndex = end;
      const l = XSA_LIST.exec(text);
      if (l) {
        last = Number(l[1]);
        numbers.push(last);
        end = XSA_LIST.lastIndex;
        continue;
      }
      break;
    }
    groups.push({ numbers: numbers.filter((n) => n > 0), start: m.index, end, kind: "text" });
    XSA_START.lastIndex = end;
  }
  ADVISORY_URL.lastIndex = 0;
  while ((m = ADVISORY_URL.exec(text)) !== null) {
    const n = Number(m[1]);
    if (n > 0) groups.push({ numbers: [n], start: m.index, end: m.index + m[0].length, kind: "url" });
  }
  groups.sort((a, b) => a.start - b.start);
  return groups;
}

export interface QsbMention {
  number: number;
  start: number;
  end: number;
}

// "QSB #52", "QSB-052", "QSB 52", "QSB #052", "QSB18", "Qubes Security
// Bulletin #12", "qsb-052-2019.txt", ".../news/2017/10/12/qsb-34/".
const QSB = /(?<![A-Za-z0-9])(?:QSB|Qubes\s+Security\s+Bulletin)[\s-]?#?\s?0*(\d{1,3})(?![\d]|\.\d)/gi;

export function scanQsb(text: string): QsbMention[] {
  const out: QsbMention[] = [];
  QSB.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QSB.exec(text)) !== null) {
    const n = Number(m[1]);
    if (n > 0) out.push({ number: n, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
