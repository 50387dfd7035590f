/**
 * Lays out a mediation paper (its words come from the domain's buildCaseDocument) as a .docx on A4, in the look of
 * Chinese official papers (GB/T 9704): margins 37/35/28/26 mm, title in 宋体 二号 bold centred, body in 仿宋 三号 on a
 * fixed 28 pt line, paragraphs indented two characters, the issuing organisation and date on the right, "— 1 —" page
 * numbers. Fonts are named, not embedded: Word and WPS on a station's PC have 宋体 and 仿宋, and the file stays small
 * and editable. Pure layout: no platform code, so the cloud and the host make the same file.
 */
import type { CaseDocument, DocumentBlock } from '@/domain'

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

type Docx = typeof import('docx')

/** Twentieths of a point per millimetre. */
const MM = 56.7
const A4 = { width: 11906, height: 16838 }
const MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) }
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { title: 44, body: 32, footer: 28 }
/** One character of body text, in twips (16 pt). */
const CHAR = 320
const BODY_LINE = 560

const TITLE_FONT = { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' }
const FOOTER_FONT = { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }

/** The paper as .docx bytes. */
export async function caseDocumentToDocx (doc: CaseDocument): Promise<Uint8Array> {
  // Loaded on first use, like exceljs: start-ups that make no paper do not pay for it.
  const docx: Docx = await import('docx')
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } = docx
  type BodyOptions = { indent?: number, align?: (typeof AlignmentType)[keyof typeof AlignmentType], before?: number, rightIndent?: number, keepNext?: boolean }
  const body = (text: string, opts: BodyOptions = {}) =>
    new Paragraph({
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      keepNext: opts.keepNext,
      spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: opts.before ?? 0, after: 0 },
      indent: { firstLine: opts.indent ?? 0, right: opts.rightIndent ?? 0 },
      children: [new TextRun({ text })]
    })

  // The seal and date never stand on a page of their own: the text before the signatures keeps with them.
  const paragraphs = (block: DocumentBlock, i: number): Array<InstanceType<Docx['Paragraph']>> => {
    const next = doc.blocks[i + 1]?.type
    const keepNext = next === 'signatures' || next === 'issuer'
    switch (block.type) {
      case 'title':
        return [new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 0, after: BODY_LINE },
          children: [new TextRun({ text: block.text, font: TITLE_FONT, size: SIZE.title, bold: true })]
        })]
      case 'reference':
        return [body(block.text, { align: AlignmentType.RIGHT }), body('')]
      case 'addressee':
      case 'party':
        return [body(block.text, { keepNext })]
      case 'paragraph':
        return [body(block.text, { indent: 2 * CHAR, keepNext })]
      case 'clause':
        return [body(`${block.number}${block.text}`, { indent: 2 * CHAR, keepNext })]
      case 'signatures':
        return signatureLines(docx, block.rows)
      case 'issuer':
        return [
          body(block.lines[0], { align: AlignmentType.RIGHT, rightIndent: 2 * CHAR, before: BODY_LINE * 2, keepNext: true }),
          body(block.lines[1], { align: AlignmentType.RIGHT, rightIndent: 4 * CHAR })
        ]
    }
  }

  const document = new Document({
    creator: '站点台账',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT } }
        }
      }
    },
    sections: [{
      properties: { page: { size: A4, margin: { ...MARGIN, header: 851, footer: 992 } } },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FOOTER_FONT, size: SIZE.footer })]
          })]
        })
      },
      children: doc.blocks.flatMap(paragraphs)
    }]
  })
  return new Uint8Array(await Packer.toArrayBuffer(document))
}

/**
 * Signature and seal places: one line per row, the second column at a tab stop wide enough for
 * 法定代表人或委托代理人（签名）： (tabs, not a table: Word and LibreOffice both keep tabbed lines with the seal below).
 */
function signatureLines (docx: Docx, rows: Array<[string, string]>) {
  const { AlignmentType, LineRuleType, Paragraph, Tab, TabStopType, TextRun } = docx
  const secondColumn = TEXT_WIDTH - (17 * CHAR + 300)
  return rows.map(([left, right]) => new Paragraph({
    alignment: AlignmentType.LEFT,
    keepNext: true,
    keepLines: true,
    tabStops: [{ type: TabStopType.LEFT, position: secondColumn }],
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: BODY_LINE, after: 0 },
    children: [new TextRun({ children: right ? [left, new Tab(), right] : [left] })]
  }))
}
