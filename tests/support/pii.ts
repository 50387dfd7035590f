/** Finds unmasked mainland mobile numbers and resident ID numbers in text (masked forms like 138****1234 pass). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g
const RESIDENT_ID = /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g

export function findUnmasked (text: string): string[] {
  const clean = text.replace(UUID, '')
  return [...(clean.match(PHONE) || []), ...(clean.match(RESIDENT_ID) || [])]
}

/** Actions whose answers are lists or go to people other than the record's own mediator: always masked. */
export const MASKED_ACTIONS = new Set([
  'listRecords', 'stationComplaints', 'myComplaints', 'lookupComplaint', 'listStations', 'districtReport', 'stationSummary',
  'exportReport', 'whoami', 'stationByCode', 'stationQr', 'submitComplaint'
])
