/**
 * Text as people meant it: every piece of free text is normalized before it is validated or stored, so required text
 * made only of invisible characters is refused and lookalike spellings compare equal.
 *
 * - NFC: a character typed as base + combining mark equals its precomposed form.
 * - Removed: NUL and other control characters (line breaks kept), zero-width characters, bidi controls (they can
 *   make text read differently from what it stores), byte-order marks, Unicode tags and noncharacters, and halves of
 *   broken surrogate pairs.
 * - Line breaks become \n (\r\n, \r, U+2028, U+2029); a tab becomes a space; the ends are trimmed.
 *
 * Written with explicit ranges and without look-behind: WeChat's engine on older iPhones lacks both `\p{…}` and
 * look-behind, and a regex it cannot parse breaks the whole bundle.
 */

/** Control characters except \t \n \r, C1 controls, and the format characters that hide or reorder text. */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- matching these characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0E\uFEFF\uFFA0\uFFF0-\uFFFB\uFFFE\uFFFF]|\uDB40[\uDC00-\uDC7F]/g
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g
/**
 * Text that needs no more than a trim: printable ASCII, \n, and the Latin-1, punctuation, CJK and full-width ranges
 * Chinese text is written in, none of which NFC changes or this file removes (U+00AD, U+2000–200F, U+2028–202F and
 * the combining marks U+302A–302F are left out). Most text passes this one scan; the rest takes the full path.
 */
const PLAIN = /^[\n\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u3000-\u3029\u3030-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF5E]*$/

/** The normalized form of a piece of text (see the file comment). */
export function normalizeText (value: string): string {
  if (PLAIN.test(value)) return value.trim()
  const paired = /[\uD800-\uDFFF]/.test(value) ? dropBrokenSurrogates(value) : value
  const cleaned = paired.normalize('NFC').replace(LINE_BREAK, '\n').replace(INVISIBLE, '').replace(/\t/g, ' ')
  return cleaned.trim()
}

/** Removes a high surrogate not followed by a low one, and a low surrogate not preceded by a high one. */
function dropBrokenSurrogates (value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i] + value[i + 1]
        i++
      }
      continue
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue
    out += value[i]
  }
  return out
}
