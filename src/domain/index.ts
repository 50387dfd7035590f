/**
 * The domain core: record types, schemas, validators, periods, workflows, risk scoring and report definitions.
 * Pure TypeScript over zod and dayjs, shared by the app, the cloud function and the host.
 */
export * from './errors'
export * from './validators'
export * from './money'
export * from './ids'
export * from './dates'
export * from './period'
export * from './org'
export * from './case-workflow'
export * from './mediation-case'
export * from './legal-session'
export * from './risk-check'
export * from './wage-complaint'
export * from './nil-report'
export * from './records'
export * from './figures'
export * from './rates'
export * from './report'
export * from './report-summary'
export { zhErrorMap, toFieldIssues, typeError } from './zod-zh'
export * from './privacy'
