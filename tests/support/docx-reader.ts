/**
 * Opens a .docx the way tests read one: unzipped with jszip, word/document.xml and word/styles.xml parsed with jsdom's
 * XML parser, every paragraph of the body (table cells included) as plain text, tabs as \t, in reading order.
 */
import { JSDOM } from 'jsdom'
import JSZip from 'jszip'

export interface DocxView {
  /** Every part in the package. */
  parts: string[]
  /** Text of each w:p of the body, in order. */
  paragraphs: string[]
  /** The paragraphs joined with newlines. */
  text: string
  document: Document
  styles: Document
  /** The w:p whose text is exactly `text`, or contains it when no paragraph is exactly it. */
  paragraph (text: string): Element
  /** Text of a part (e.g. the footer), its paragraphs' w:t runs joined. */
  partText (name: string): string
  /** The XML of a part, as stored. */
  partXml (name: string): string
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

/** A paragraph's text: its w:t runs, with each w:tab as a tab character. */
function textOf (p: Element): string {
  return Array.from(p.getElementsByTagName('*'))
    .filter((e) => e.namespaceURI === W_NS && (e.localName === 't' || e.localName === 'tab') && e.parentElement?.localName === 'r')
    .map((e) => (e.localName === 'tab' ? '\t' : e.textContent || ''))
    .join('')
}

export async function readDocx (bytes: Uint8Array): Promise<DocxView> {
  const zip = await JSZip.loadAsync(bytes)
  const { DOMParser } = new JSDOM('').window
  const parse = async (name: string) => {
    const file = zip.file(name)
    if (!file) throw new Error(`${name} missing from the docx`)
    const doc = new DOMParser().parseFromString(await file.async('string'), 'application/xml')
    if (doc.getElementsByTagName('parsererror').length) throw new Error(`${name} is not well-formed XML`)
    return doc
  }
  const document = await parse('word/document.xml')
  const styles = await parse('word/styles.xml')
  const partTexts = new Map<string, string>()
  const partXmls = new Map<string, string>()
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(footer|header)\d*\.xml$/.test(n))) {
    partXmls.set(name, await (zip.file(name) as JSZip.JSZipObject).async('string'))
    partTexts.set(name, Array.from((await parse(name)).getElementsByTagNameNS(W_NS, 'p')).map(textOf).join('\n'))
  }
  const body = document.getElementsByTagNameNS(W_NS, 'body')[0]
  const elements = Array.from(body.getElementsByTagNameNS(W_NS, 'p'))
  const paragraphs = elements.map(textOf)
  return {
    parts: Object.keys(zip.files),
    paragraphs,
    text: paragraphs.join('\n'),
    document,
    styles,
    paragraph (text) {
      const i = paragraphs.indexOf(text)
      const j = i >= 0 ? i : paragraphs.findIndex((p) => p.includes(text))
      if (j < 0) throw new Error(`no paragraph with ${text}`)
      return elements[j]
    },
    partText (name) {
      return partTexts.get(name) ?? ''
    },
    partXml (name) {
      return partXmls.get(name) ?? ''
    }
  }
}

/** The value of a w: attribute on the first descendant element of `el` with that w: tag name, or null. */
export function wAttr (el: Element | Document, tag: string, attr: string): string | null {
  const found = el.getElementsByTagNameNS(W_NS, tag)[0]
  return found ? found.getAttributeNS(W_NS, attr) ?? found.getAttribute(`w:${attr}`) : null
}
