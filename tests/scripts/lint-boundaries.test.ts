/** Proves the lint rules that guard the architecture fire (and stay quiet on allowed imports). */
import { spawnSync } from 'child_process'
import path from 'path'

const ROOT = path.resolve(__dirname, '../..')
const queue: Array<{ code: string, filePath: string }> = []
let results: Array<Array<{ ruleId: string | null, message: string }>> = []

/** Snippets are registered at collection time and linted in one ESLint process before the tests run. */
function probe (code: string, filePath: string): number {
  queue.push({ code, filePath })
  return queue.length - 1
}

beforeAll(() => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'tests/support/lint-texts.mjs')], {
    cwd: ROOT, input: JSON.stringify(queue), encoding: 'utf8', timeout: 120_000
  })
  if (run.status !== 0) throw new Error(run.stderr)
  results = JSON.parse(run.stdout)
}, 120_000)

function importErrors (index: number): string[] {
  return results[index].filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('src/domain import boundary', () => {
  const domainFile = 'src/domain/boundary-probe.ts'

  it.each([
    ["import Taro from '@tarojs/taro'", 'Taro'],
    ["import { View } from '@tarojs/components'", 'Taro'],
    ["import { useState } from 'react'", 'React'],
    ["import { create } from 'zustand'", 'zustand'],
    ["import { persist } from 'zustand/middleware'", 'zod and dayjs'],
    ["import fs from 'fs'", 'Node built-ins'],
    ["import { createHash } from 'node:crypto'", 'Node built-ins'],
    ["import cloud from 'wx-server-sdk'", 'wx-server-sdk'],
    ["import { callLedger } from '../services/ledger-api'", 'app layers']
  ].map(([line, words]) => [line, words, probe(`${line}\nexport const probe = 1\n`, domainFile)] as const))('refuses %s', (_line, words, index) => {
    const errors = importErrors(index)
    expect(errors.length).toBe(1)
    expect(errors[0]).toContain(words)
  })

  const allowed = probe("import { z } from 'zod/mini'\nimport dayjs from 'dayjs'\nimport { rate } from './rates'\nexport const probe = [z, dayjs, rate]\n", domainFile)
  const outside = probe("import Taro from '@tarojs/taro'\nexport const probe = Taro\n", 'src/services/probe.ts')

  it('allows zod, dayjs and sibling domain modules', () => {
    expect(importErrors(allowed)).toEqual([])
  })

  it('does not apply outside src/domain', () => {
    expect(importErrors(outside)).toEqual([])
  })
})

describe('pages reach data through stores', () => {
  const page = probe("import { callLedger } from '../../services/ledger-api'\nexport const probe = callLedger\n", 'src/pages/probe/index.tsx')

  it('refuses a page importing the ledger API service', () => {
    expect(importErrors(page)[0]).toContain('Pages call stores')
  })
})
