/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

/** Injected by config/index.ts defineConstants. */
declare const CLOUD_ENV: string
declare const API_BASE: string
declare const COMPLAINT_TEMPLATE_ID: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined
    [key: string]: string | undefined
  }
}
