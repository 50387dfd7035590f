// Lints code snippets as if they lived at given paths, with the project's real ESLint config.
// stdin: [{ code, filePath }]; stdout: [[{ ruleId, message }]]. Run as a child process because Jest cannot load
// eslint.config.mjs (an ES module) without experimental VM modules.
import { ESLint } from 'eslint'

const input = JSON.parse(await new Promise((resolve) => {
  let data = ''
  process.stdin.on('data', (c) => { data += c })
  process.stdin.on('end', () => resolve(data))
}))
const eslint = new ESLint({ cwd: process.cwd() })
const out = []
for (const { code, filePath } of input) {
  const [result] = await eslint.lintText(code, { filePath })
  out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })))
}
process.stdout.write(JSON.stringify(out))
