/** Types for build-freshness.js (CommonJS, shared with the plain-JS native tests). */
export type BuildKind = 'weapp' | 'h5' | 'cloud'
export const BUILDS: Record<BuildKind, { marker: string, sources: string[], command: string }>
/** Why the build cannot be tested (missing, or older than a source), or null when it is fresh. */
export function buildProblem (kind: BuildKind, root?: string): string | null
/** Throws with a message that says which build to run when the build is missing or stale. */
export function assertFreshBuild (kind: BuildKind): void
