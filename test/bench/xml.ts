// A strict little XML reader for the chart tests: elements, attributes, text, the five predefined entities
// and numeric references, comments and the XML declaration. Anything else (an unclosed or mismatched tag,
// an unquoted or repeated attribute, a bare `&` or `<`) throws with the offset, so "it parses" means the
// document is well-formed in the ways an SVG renderer cares about.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;

function decode(s: string, at: number): string {
  return s.replace(/&([^;]*);|&/g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`bare & near offset ${at}`);
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (ent in named) return named[ent]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ent);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10));
    throw new Error(`unknown entity &${ent}; near offset ${at}`);
  });
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('<?', i)) {
        const e = text.indexOf('?>', i);
        if (e < 0) fail('unterminated declaration');
        i = e + 2;
      } else if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i);
        if (e < 0) fail('unterminated comment');
        i = e + 3;
      } else return;
    }
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected <');
    i++;
    const tag = name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = i;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attrs, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === ws) fail('expected whitespace before an attribute');
      const a = name();
      if (a in attrs) fail(`attribute ${a} repeated`);
      if (text[i] !== '=') fail('expected =');
      i++;
      const q = text[i];
      if (q !== '"' && q !== "'") fail('attribute value not quoted');
      const e = text.indexOf(q!, i + 1);
      if (e < 0) fail('unterminated attribute value');
      const raw = text.slice(i + 1, e);
      if (raw.includes('<')) fail('< in an attribute value');
      attrs[a] = decode(raw, i);
      i = e + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (i >= text.length) fail(`unclosed <${tag}>`);
      if (text.startsWith('</', i)) {
        i += 2;
        const close = name();
        if (close !== tag) fail(`</${close}> closes <${tag}>`);
        while (/\s/.test(text[i] ?? '')) i++;
        if (text[i] !== '>') fail('expected >');
        i++;
        return { name: tag, attrs, children };
      }
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i);
        if (e < 0) fail('unterminated comment');
        i = e + 3;
      } else if (text[i] === '<') children.push(element());
      else {
        const e = text.indexOf('<', i);
        const raw = text.slice(i, e < 0 ? text.length : e);
        if (raw.includes('>')) fail('> in text');
        children.push(decode(raw, i));
        i += raw.length;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== text.length) fail('content after the root element');
  return root;
}

/** Every element below (and including) `e`, depth first. */
export function allElements(e: XmlElement): XmlElement[] {
  const out: XmlElement[] = [e];
  for (const c of e.children) if (typeof c !== 'string') out.push(...allElements(c));
  return out;
}

/** The text inside `e`, its descendants' included. */
export function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
