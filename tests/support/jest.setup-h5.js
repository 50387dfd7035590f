// Globals that Taro's webpack DefinePlugin normally injects into the H5 bundle.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react'
})

// Build-time constants from config/index.ts defineConstants
Object.assign(globalThis, { CLOUD_ENV: '', API_BASE: '', COMPLAINT_TEMPLATE_ID: '' })
