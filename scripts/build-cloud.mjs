// Bundles the ledger cloud function (cloudfunctions/ledger/src/index.ts + src/domain + exceljs) into
// cloudfunctions/ledger/index.js for upload from WeChat DevTools. wx-server-sdk stays external: the cloud installs it
// from the function's package.json (云端安装依赖).
import { build } from 'esbuild'
import { statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outfile = path.join(root, 'cloudfunctions/ledger/index.js')
const started = Date.now()
await build({
  entryPoints: [path.join(root, 'cloudfunctions/ledger/src/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  external: ['wx-server-sdk'],
  tsconfig: path.join(root, 'tsconfig.json'),
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  banner: { js: '// Built by `npm run build:cloud` from cloudfunctions/ledger/src: do not edit.' },
  logLevel: 'warning'
})
console.log(`build:cloud → ${path.relative(root, outfile)} ${(statSync(outfile).size / 1024).toFixed(0)} KB in ${Date.now() - started} ms`)
