/**
 * The host's data folder holds every phone number the ledger knows and the key that signs sessions, so only the
 * account running the host may read it: the folder is 0700 and every file in it 0600, tightened at each start for
 * folders made by older versions. The session-signing secret lives in its own file, never in the database (a copy
 * of the database, say a backup, then cannot forge a district token), or only in SESSION_SECRET.
 */
import fs from 'fs'
import path from 'path'
import { newSecret } from './session'

export const SECRET_FILE = 'session-secret'
const DIR_MODE = 0o700
const FILE_MODE = 0o600

/** Creates the folder (0700) or tightens it, and tightens every file already in it to 0600. */
export function prepareDataDir (dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE })
  fs.chmodSync(dir, DIR_MODE)
  tightenFiles(dir)
}

/** Makes every file in the folder (the database, its -wal and -shm files, demo-accounts.json…) 0600. */
export function tightenFiles (dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) fs.chmodSync(path.join(dir, entry.name), FILE_MODE)
  }
}

/** Writes a file only its owner may read, whatever the process umask. */
export function writePrivateFile (file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: FILE_MODE })
  fs.chmodSync(file, FILE_MODE)
}

/**
 * The session-signing secret: SESSION_SECRET when set (then nothing is written); else the secret file, made on first
 * start. A secret an older version kept in the database (`legacy`) moves to the file, so signed-in people stay so.
 */
export function sessionSecret (dir: string, env: string | undefined, legacy: { read: () => string | null, forget: () => void }): string {
  const old = legacy.read()
  if (env) {
    if (old) legacy.forget()
    return env
  }
  const file = path.join(dir, SECRET_FILE)
  if (fs.existsSync(file)) {
    fs.chmodSync(file, FILE_MODE)
    if (old) legacy.forget()
    return fs.readFileSync(file, 'utf8').trim()
  }
  const secret = old || newSecret()
  writePrivateFile(file, secret)
  if (old) legacy.forget()
  return secret
}
