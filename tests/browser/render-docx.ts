/**
 * Saves a .docx made in a test with the browser artifacts, and a rendering of it to look at: PDF pages as PNG when
 * LibreOffice (`libreoffice --headless --convert-to pdf`) and poppler's `pdftoppm` are on the machine, else the PDF,
 * else a text dump of its paragraphs. Returns the files written.
 */
import { execFileSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { readDocx } from '../support/docx-reader'
import { ARTIFACTS } from './browser'

export const DOCUMENT_ARTIFACTS = path.join(ARTIFACTS, 'case-documents')

function has (command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function saveRendering (name: string, bytes: Uint8Array): Promise<string[]> {
  fs.mkdirSync(DOCUMENT_ARTIFACTS, { recursive: true })
  const docxPath = path.join(DOCUMENT_ARTIFACTS, `${name}.docx`)
  fs.writeFileSync(docxPath, bytes)
  const written = [docxPath]
  const textPath = path.join(DOCUMENT_ARTIFACTS, `${name}.txt`)
  fs.writeFileSync(textPath, (await readDocx(bytes)).text + '\n')
  written.push(textPath)
  if (!has('libreoffice')) return written
  // A profile of its own: LibreOffice refuses to start while another instance holds the default one.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'))
  try {
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', DOCUMENT_ARTIFACTS, docxPath], { stdio: 'ignore', timeout: 120_000 })
  } finally {
    fs.rmSync(profile, { recursive: true, force: true })
  }
  const pdfPath = path.join(DOCUMENT_ARTIFACTS, `${name}.pdf`)
  if (!fs.existsSync(pdfPath)) return written
  written.push(pdfPath)
  if (has('pdftoppm')) {
    execFileSync('pdftoppm', ['-r', '80', '-png', pdfPath, path.join(DOCUMENT_ARTIFACTS, name)], { stdio: 'ignore', timeout: 60_000 })
    written.push(...fs.readdirSync(DOCUMENT_ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).map((f) => path.join(DOCUMENT_ARTIFACTS, f)))
  }
  return written
}
