/** Placeholder replaced in the load issue. */
export async function runLoadBench (): Promise<Record<string, unknown>> {
  throw new Error('load bench not built yet')
}
